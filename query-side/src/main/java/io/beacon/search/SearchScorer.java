package io.beacon.search;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Scores one document against a query's terms (the query lower-cased, split on white space, each term
 * once). Per term, case-insensitively: a whole word of the name scores {@value #WHOLE_WORD}, a part of
 * the name {@value #IN_NAME}, a part of any other searched field {@value #ELSEWHERE}; a document's score
 * is the sum over the terms divided by the most it could be, so it lies in [0, 1].
 */
final class SearchScorer {

    static final int WHOLE_WORD = 3;
    static final int IN_NAME = 2;
    static final int ELSEWHERE = 1;

    private final List<String> terms;

    SearchScorer(String query) {
        this.terms = Arrays.stream(query.toLowerCase(Locale.ROOT).split("\\s+"))
                .filter(term -> !term.isEmpty()).distinct().toList();
    }

    double score(String name, List<String> others) {
        if (terms.isEmpty()) {
            return 0;
        }
        String lowerName = name == null ? "" : name.toLowerCase(Locale.ROOT);
        List<String> lowerOthers = others.stream().map(value -> value.toLowerCase(Locale.ROOT)).toList();
        int total = 0;
        for (String term : terms) {
            if (isWholeWord(lowerName, term)) {
                total += WHOLE_WORD;
            } else if (lowerName.contains(term)) {
                total += IN_NAME;
            } else if (lowerOthers.stream().anyMatch(value -> value.contains(term))) {
                total += ELSEWHERE;
            }
        }
        return (double) total / (WHOLE_WORD * terms.size());
    }

    /** Whether {@code term} occurs in {@code text} with neither a letter nor a digit right before or after it. */
    private static boolean isWholeWord(String text, String term) {
        for (int at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
            int end = at + term.length();
            if ((at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
                    && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
                return true;
            }
        }
        return false;
    }
}
