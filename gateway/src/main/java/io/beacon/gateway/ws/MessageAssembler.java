package io.beacon.gateway.ws;

/**
 * Puts one connection's text message back together from its frames, refusing it once it grows over
 * the size limit, so an over-size message can be answered before the connection is closed.
 */
public final class MessageAssembler {

    /** The message being assembled grew over the limit; what had arrived is dropped. */
    public static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    private final StringBuilder partial = new StringBuilder();
    /** Bytes of the message being assembled (as the container counted them); guarded by {@link #partial}. */
    private int bytes;

    /**
     * Adds a frame; returns the whole message once its last frame arrived, null while frames are
     * missing. Throws {@link TooLarge} once the message exceeds {@code maxBytes}.
     */
    public String add(String part, int partBytes, boolean last, int maxBytes) {
        synchronized (partial) {
            bytes += partBytes;
            if (bytes > maxBytes) {
                partial.setLength(0);
                bytes = 0;
                throw new TooLarge();
            }
            if (last && partial.isEmpty()) {
                bytes = 0;
                return part;
            }
            partial.append(part);
            if (!last) {
                return null;
            }
            String text = partial.toString();
            partial.setLength(0);
            bytes = 0;
            return text;
        }
    }
}
