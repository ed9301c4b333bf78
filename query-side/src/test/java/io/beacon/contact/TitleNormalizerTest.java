package io.beacon.contact;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class TitleNormalizerTest {

    @Test
    void caseAndSpacingDoNotMatter() {
        assertThat(TitleNormalizer.normalize("  Senior   Software\tENGINEER ")).isEqualTo("senior software engineer");
        assertThat(TitleNormalizer.normalize("Head of Growth")).isEqualTo("head of growth");
    }

    @Test
    void punctuationSeparatesWordsAndAmpersandReadsAnd() {
        assertThat(TitleNormalizer.normalize("Director - Marketing/Growth, EMEA")).isEqualTo("director marketing growth emea");
        assertThat(TitleNormalizer.normalize("Founder & Chairman")).isEqualTo("founder and chairman");
        assertThat(TitleNormalizer.normalize("R&D Lead")).isEqualTo("r and d lead");
        assertThat(TitleNormalizer.normalize("C++ / C# Developer")).isEqualTo("c++ c# developer");
    }

    @Test
    void abbreviationsAreWrittenOut() {
        assertThat(TitleNormalizer.normalize("VP, Sales")).isEqualTo("vice president sales");
        assertThat(TitleNormalizer.normalize("Sr. Eng. Mgr.")).isEqualTo("senior engineer manager");
        assertThat(TitleNormalizer.normalize("CEO & Co-Founder")).isEqualTo("chief executive officer and co founder");
        assertThat(TitleNormalizer.normalize("Head of IT/HR")).isEqualTo("head of information technology human resources");
        assertThat(TitleNormalizer.normalize("SVP Engineering")).isEqualTo("senior vice president engineering");
    }

    @Test
    void dottedInitialsAreOneWord() {
        assertThat(TitleNormalizer.normalize("V.P. of Sales")).isEqualTo("vice president of sales");
        assertThat(TitleNormalizer.normalize("c.e.o")).isEqualTo("chief executive officer");
        assertThat(TitleNormalizer.normalize("V.P.Sales")).isEqualTo("vice president sales");
    }

    @Test
    void everyAbbreviationExpandsInAnyCaseAndExpansionsStayAsTheyAre() {
        TitleNormalizer.ABBREVIATIONS.forEach((abbreviation, words) -> {
            assertThat(TitleNormalizer.normalize(abbreviation.toUpperCase(Locale.ROOT) + ".")).isEqualTo(words);
            assertThat(TitleNormalizer.normalize(words)).isEqualTo(words);
        });
    }

    @Test
    void ambiguousAbbreviationsAreLeftAlone() {
        assertThat(TitleNormalizer.normalize("PM")).isEqualTo("pm");
        assertThat(TitleNormalizer.normalize("CRO")).isEqualTo("cro");
        assertThat(TitleNormalizer.normalize("Dev Lead")).isEqualTo("dev lead");
    }

    @Test
    void noTitleOrOnlyPunctuationHasNoWords() {
        assertThat(TitleNormalizer.normalize(null)).isEmpty();
        assertThat(TitleNormalizer.normalize(" -./, ")).isEmpty();
    }

    @Test
    void aRequestedTitleMatchesContiguousWholeWordsOfTheTitle() {
        Predicate<String> vpSales = TitleNormalizer.containingAny(List.of("vp sales"));

        assertThat(vpSales).accepts("VP, Sales", "Vice President Sales", "Vice-President, Sales EMEA", "Regional VP Sales");
        assertThat(vpSales).rejects("Vice President of Sales", "VP Salesforce", "Sales VP", null);
        assertThat(TitleNormalizer.containingAny(List.of("Chief Executive Officer"))).accepts("CEO", "ceo & founder");
        assertThat(TitleNormalizer.containingAny(List.of("CEO"))).accepts("Chief Executive Officer");
        assertThat(TitleNormalizer.containingAny(List.of("Sr. Engineer"))).accepts("Senior Engineer", "SR ENGINEER II");
        assertThat(TitleNormalizer.containingAny(List.of("engineer"))).rejects("Engineering Manager");
    }

    @Test
    void anyOfSeveralRequestedTitlesMatchesAndOneWithoutWordsMatchesNothing() {
        assertThat(TitleNormalizer.containingAny(List.of("founder", "cto"))).accepts("Co-Founder", "CTO").rejects("CFO");
        assertThat(TitleNormalizer.containingAny(List.of("--"))).rejects("Founder", "", "--");
    }
}
