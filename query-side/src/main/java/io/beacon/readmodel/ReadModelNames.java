package io.beacon.readmodel;

/**
 * Physical collection names of a read-model generation. Generation 0 keeps the logical names, so a store
 * written before generations existed is generation 0 as it is; generation {@code n > 0} of
 * {@code companies} is {@code companies__g<n>}.
 */
public final class ReadModelNames {

    static final String SEPARATOR = "__g";

    private ReadModelNames() {
    }

    public static String physical(String logical, int generation) {
        return generation == 0 ? logical : logical + SEPARATOR + generation;
    }

    /** The logical name of a physical one, or null when {@code physical} belongs to no other generation than 0. */
    static String logical(String physical) {
        int at = physical.lastIndexOf(SEPARATOR);
        return at < 0 ? physical : physical.substring(0, at);
    }

    /** The generation a physical name belongs to. */
    static int generation(String physical) {
        int at = physical.lastIndexOf(SEPARATOR);
        if (at < 0) {
            return 0;
        }
        try {
            return Integer.parseInt(physical.substring(at + SEPARATOR.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
