package io.beacon.contact;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Job titles as a contact search compares them: lower case, words separated by single spaces,
 * punctuation a separator, {@code &} read as "and", and common abbreviations written out (so
 * {@code "Sr. VP, Sales & Marketing"} reads {@code "senior vice president sales and marketing"}).
 * A requested title matches a contact's title when its words occur there contiguously, as whole words.
 */
final class TitleNormalizer {

    /**
     * Abbreviations with one common reading in job titles. Ambiguous ones (pm, cpo, cro, cso, md,
     * dev, admin) are left as written: expanding them would make unrelated titles match.
     */
    static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("vp", "vice president"), Map.entry("svp", "senior vice president"),
            Map.entry("evp", "executive vice president"), Map.entry("avp", "assistant vice president"),
            Map.entry("sr", "senior"), Map.entry("jr", "junior"), Map.entry("mgr", "manager"),
            Map.entry("dir", "director"), Map.entry("eng", "engineer"), Map.entry("engr", "engineer"),
            Map.entry("exec", "executive"), Map.entry("asst", "assistant"), Map.entry("assoc", "associate"),
            Map.entry("gm", "general manager"), Map.entry("mktg", "marketing"), Map.entry("mgmt", "management"),
            Map.entry("ops", "operations"), Map.entry("hr", "human resources"),
            Map.entry("it", "information technology"),
            Map.entry("ceo", "chief executive officer"), Map.entry("cto", "chief technology officer"),
            Map.entry("cfo", "chief financial officer"), Map.entry("coo", "chief operating officer"),
            Map.entry("cmo", "chief marketing officer"), Map.entry("cio", "chief information officer"),
            Map.entry("ciso", "chief information security officer"));

    /** Initials written with dots ("v.p.", "c.e.o"): read as one word, so that they can be expanded. */
    private static final Pattern DOTTED_INITIALS =
            Pattern.compile("(?<![\\p{L}\\p{N}])\\p{L}(?:\\.\\p{L})+\\.?(?![\\p{L}\\p{N}])");
    /** Anything but letters, digits and the '+' / '#' of "C++" and "C#" separates words. */
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{M}\\p{N}+#]+");

    private TitleNormalizer() {
    }

    /** The title's words, normalized and joined by single spaces; empty for no title. */
    static String normalize(String title) {
        if (title == null) {
            return "";
        }
        String text = title.toLowerCase(Locale.ROOT);
        Matcher initials = DOTTED_INITIALS.matcher(text);
        text = initials.replaceAll(match -> Matcher.quoteReplacement(match.group().replace(".", "")));
        StringBuilder normalized = new StringBuilder(text.length() + 16);
        for (String word : SEPARATORS.split(text.replace("&", " and "))) {
            if (!word.isEmpty()) {
                if (!normalized.isEmpty()) {
                    normalized.append(' ');
                }
                normalized.append(ABBREVIATIONS.getOrDefault(word, word));
            }
        }
        return normalized.toString();
    }

    /**
     * Whether a title contains any of the {@code requested} titles as a contiguous run of whole words,
     * both normalized. A requested title without any word matches no title.
     */
    static Predicate<String> containingAny(List<String> requested) {
        List<String> wanted = requested.stream()
                .map(TitleNormalizer::normalize)
                .filter(words -> !words.isEmpty())
                .map(words -> " " + words + " ")
                .distinct()
                .toList();
        return title -> {
            if (title == null || wanted.isEmpty()) {
                return false;
            }
            String words = " " + normalize(title) + " ";
            return wanted.stream().anyMatch(words::contains);
        };
    }
}
