package io.beacon.gateway.apollo;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ApolloUrlTest {

    private static final String PEOPLE = "https://app.apollo.io/#/people?";

    // ---------------------------------------------------------------- valid forms

    @Test
    void theSeedExampleSplitsIntoBaseHashPathQueryAndOrderedParameters() {
        ApolloUrl url = ApolloUrl.parse(SeedExample.URL);
        assertThat(url.url()).isEqualTo(SeedExample.URL);
        assertThat(url.baseUrl()).isEqualTo("https://app.apollo.io");
        assertThat(url.hashPath()).isEqualTo("/people");
        assertThat(url.queryString()).isEqualTo(SeedExample.QUERY);
        assertThat(url.hasQueryParameters()).isTrue();
        assertThat(url.parameters()).containsExactly(
                Map.entry("contactEmailStatusV2[]", List.of("verified")),
                Map.entry("personLocations[]", List.of("california")),
                Map.entry("personTitles[]", List.of("CEO")),
                Map.entry("organizationNumEmployeesRanges[]", List.of("11,50")),
                Map.entry("page", List.of("1")),
                Map.entry("sortByField", List.of("recommendations_score")),
                Map.entry("sortAscending", List.of("false")));
    }

    @Test
    void repeatedNamesCollectTheirValuesInOrderAndKeepTheFirstPosition() {
        ApolloUrl url = ApolloUrl.parse(PEOPLE + "personTitles[]=CEO&page=2&personTitles[]=CTO&personTitles[]=CEO");
        assertThat(url.parameters()).containsExactly(
                Map.entry("personTitles[]", List.of("CEO", "CTO", "CEO")),
                Map.entry("page", List.of("2")));
    }

    @Test
    void namesAndValuesArePercentDecodedAsUtf8WithPlusAsSpace() {
        ApolloUrl url = ApolloUrl.parse(PEOPLE + "personTitles%5B%5D=Vice+President%2C%20Sales"
                + "&sortByField=%5Bnone%5D&organizationNumEmployeesRanges[]=11%2C50"
                + "&personLocations[]=S%C3%A3o%20Paulo&qKeywords=%E2%9C%93+%F0%9F%9A%80&x=a%2Bb");
        assertThat(url.parameters()).containsExactly(
                Map.entry("personTitles[]", List.of("Vice President, Sales")),
                Map.entry("sortByField", List.of("[none]")),
                Map.entry("organizationNumEmployeesRanges[]", List.of("11,50")),
                Map.entry("personLocations[]", List.of("São Paulo")),
                Map.entry("qKeywords", List.of("✓ 🚀")),
                Map.entry("x", List.of("a+b")));
        // The query string stays as sent.
        assertThat(url.queryString()).startsWith("personTitles%5B%5D=Vice+President%2C%20Sales&");
    }

    @Test
    void blankValuesAreKeptAndEmptyPairsSkipped() {
        ApolloUrl url = ApolloUrl.parse(PEOPLE + "personTitles[]=&tour&&qKeywords=+&page=1&");
        assertThat(url.parameters()).containsExactly(
                Map.entry("personTitles[]", List.of("")),
                Map.entry("tour", List.of("")),
                Map.entry("qKeywords", List.of(" ")),
                Map.entry("page", List.of("1")));
    }

    @Test
    void aValueMayContainEqualsSignsAndQuestionMarks() {
        ApolloUrl url = ApolloUrl.parse(PEOPLE + "qKeywords=a=b?c&finderViewId=5a205be19a57e40c095e1d5f");
        assertThat(url.parameters()).containsExactly(
                Map.entry("qKeywords", List.of("a=b?c")),
                Map.entry("finderViewId", List.of("5a205be19a57e40c095e1d5f")));
    }

    @Test
    void withoutHashTheOrdinaryQueryIsRead() {
        ApolloUrl url = ApolloUrl.parse("https://apollo.io/people?personTitles[]=CEO");
        assertThat(url.baseUrl()).isEqualTo("https://apollo.io");
        assertThat(url.hashPath()).isNull();
        assertThat(url.queryString()).isEqualTo("personTitles[]=CEO");
        assertThat(url.parameters()).containsExactly(Map.entry("personTitles[]", List.of("CEO")));
    }

    @Test
    void withHashTheQueryBeforeItIsIgnored() {
        ApolloUrl url = ApolloUrl.parse("https://app.apollo.io/?utm_source=mail#/people?personTitles[]=CEO");
        assertThat(url.hashPath()).isEqualTo("/people");
        assertThat(url.queryString()).isEqualTo("personTitles[]=CEO");
        assertThat(url.parameters()).containsOnlyKeys("personTitles[]");
    }

    @Test
    void aUrlWithoutQueryHasNoParameters() {
        for (String text : List.of("https://app.apollo.io/#/people", "https://app.apollo.io/#/people?",
                "https://app.apollo.io", "https://app.apollo.io/")) {
            ApolloUrl url = ApolloUrl.parse(text);
            assertThat(url.queryString()).as(text).isNull();
            assertThat(url.parameters()).as(text).isEmpty();
            assertThat(url.hasQueryParameters()).as(text).isFalse();
            assertThat(url.baseUrl()).as(text).isEqualTo("https://app.apollo.io");
        }
        assertThat(ApolloUrl.parse("https://app.apollo.io/#/people").hashPath()).isEqualTo("/people");
        assertThat(ApolloUrl.parse("https://app.apollo.io").hashPath()).isNull();
        assertThat(ApolloUrl.parse("https://app.apollo.io/#").hashPath()).isEmpty();
    }

    @Test
    void schemeAndHostAreCaseInsensitiveAndTheBaseUrlIsLowerCase() {
        ApolloUrl url = ApolloUrl.parse("HTTPS://App.APOLLO.io/#/people?personTitles[]=CEO");
        assertThat(url.baseUrl()).isEqualTo("https://app.apollo.io");
        assertThat(url.url()).isEqualTo("HTTPS://App.APOLLO.io/#/people?personTitles[]=CEO");
    }

    @Test
    void theApexDomainSubdomainsHttpAndPortsAreAccepted() {
        assertThat(ApolloUrl.parse("https://apollo.io/#/people").baseUrl()).isEqualTo("https://apollo.io");
        assertThat(ApolloUrl.parse("http://app.apollo.io/#/people").baseUrl()).isEqualTo("http://app.apollo.io");
        assertThat(ApolloUrl.parse("https://eu-1.app.apollo.io:8443/#/people").baseUrl())
                .isEqualTo("https://eu-1.app.apollo.io:8443");
    }

    @Test
    void aTrailingDotOnTheHostIsToleratedAndDropped() {
        assertThat(ApolloUrl.parse("https://app.apollo.io./#/people?page=1").baseUrl()).isEqualTo("https://app.apollo.io");
        assertThat(ApolloUrl.parse("https://apollo.io.:443/").baseUrl()).isEqualTo("https://apollo.io:443");
    }

    @Test
    void surroundingBlanksAreIgnored() {
        ApolloUrl url = ApolloUrl.parse("  " + SeedExample.URL + "\n");
        assertThat(url.url()).isEqualTo(SeedExample.URL);
        assertThat(url.parameters()).hasSize(7);
    }

    @Test
    void parametersCannotBeChangedAfterParsing() {
        ApolloUrl url = ApolloUrl.parse(PEOPLE + "personTitles[]=CEO");
        assertThatThrownBy(() -> url.parameters().put("x", List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> url.parameters().get("personTitles[]").add("CTO"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    // ---------------------------------------------------------------- rejections

    @Test
    void aMissingOrBlankUrlIsRefused() {
        assertRefused(null, "url must not be blank");
        assertRefused("", "url must not be blank");
        assertRefused(" \t\n ", "url must not be blank");
    }

    @ParameterizedTest
    @ValueSource(strings = {"app.apollo.io/#/people?personTitles[]=CEO", "/#/people", "//app.apollo.io/#/people",
            "ftp://app.apollo.io/", "javascript:alert(1)//apollo.io", "wss://app.apollo.io/", "https:app.apollo.io",
            "https:/app.apollo.io/", "mailto:someone@apollo.io", "apollo.io"})
    void aUrlThatIsNotAbsoluteHttpIsRefused(String url) {
        assertRefused(url, "url must be an absolute http or https URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://apollo.io.example.com/#/people", "https://app.apollo.io.example.com/",
            "https://notapollo.io/#/people", "https://evil.com/?x=apollo.io", "https://evil.com/#/apollo.io",
            "https://evil.com/apollo.io", "https://apollo.iox/", "https://apollo.com/", "https://xn--apollo.io/",
            "https://apolloio/", "https://app..apollo.io/", "https://.apollo.io/", "https://-app.apollo.io/",
            "https://app-.apollo.io/", "https://app.apollo.io../", "https://ap%70ollo.io/", "https://app_x.apollo.io/",
            "https://apollo.io\\.evil.com/", "https://appollo.io/", "https://apollo.io%2eevil.com/",
            "http://127.0.0.1/#/people", "http://34.117.42.1:8000/#/people", "http://[::1]/", "http://[::ffff:7f00:1]:80/",
            "http://2130706433/", "http://0x7f.0.0.1/"})
    void aHostOutsideApolloIoIsRefused(String url) {
        assertRefused(url, "url host must be apollo.io or a subdomain of it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://apollo.io@evil.com/", "https://user:pass@app.apollo.io/#/people",
            "https://evil.com\\@apollo.io/", "https://evil.com@apollo.io/"})
    void userInformationIsRefused(String url) {
        assertRefused(url, "url must not contain user information");
    }

    @Test
    void aMissingHostOrABadPortIsRefused() {
        assertRefused("https:///apollo.io/#/people", "url has no host");
        assertRefused("https://app.apollo.io:/#/people", "url has an invalid port");
        assertRefused("https://app.apollo.io:99999/", "url has an invalid port");
        assertRefused("https://app.apollo.io:0/", "url has an invalid port");
        assertRefused("https://app.apollo.io:8o/", "url has an invalid port");
        assertRefused("https://evil.com:443:app.apollo.io/", "url has an invalid port");
    }

    @Test
    void spacesAndControlCharactersInsideTheUrlAreRefused() {
        assertRefused(PEOPLE + "personTitles[]=Vice President", "url must not contain spaces or control characters");
        assertRefused("https://app.apollo.io\t.evil.com/", "url must not contain spaces or control characters");
        assertRefused(PEOPLE + "qKeywords=a\u0000b", "url must not contain spaces or control characters");
        assertRefused(PEOPLE + "qKeywords=a\u00a0b", "url must not contain spaces or control characters");
        assertRefused(PEOPLE + "qKeywords=\ud83d", "url is not valid Unicode text");
    }

    @ParameterizedTest
    @ValueSource(strings = {"qKeywords=%", "qKeywords=%2", "qKeywords=ab%zz", "qKeywords=%2G", "q%5=1",
            "qKeywords=%%41", "qKeywords=%\u0661\u0662"})
    void malformedPercentEscapesAreRefused(String query) {
        assertRefused(PEOPLE + query, "url has a malformed percent-encoding");
    }

    @ParameterizedTest
    @ValueSource(strings = {"qKeywords=%C3", "qKeywords=%FF", "qKeywords=%C3%28", "qKeywords=%ED%A0%80",
            "q%E9=1"})
    void percentEncodedBytesThatAreNotUtf8AreRefused(String query) {
        assertRefused(PEOPLE + query, "url has percent-encoded bytes that are not UTF-8");
    }

    @Test
    void aParameterWithoutNameIsRefused() {
        assertRefused(PEOPLE + "=CEO", "url has a parameter without a name");
    }

    @Test
    void aUrlOfExactly8192CharactersIsAcceptedAndOneMoreIsRefused() {
        StringBuilder url = new StringBuilder(PEOPLE);
        while (url.length() + 405 <= 8000) {
            url.append("personTitles[]=").append("x".repeat(390)).append('&');
        }
        url.append("qKeywords=");
        url.append("y".repeat(8192 - url.length()));
        assertThat(url).hasSize(8192);
        ApolloUrl parsed = ApolloUrl.parse(url.toString());
        assertThat(parsed.parameters().get("personTitles[]")).hasSize(19).allMatch(v -> v.length() == 390);
        assertRefused(url + "y", "url is longer than 8192 characters");
    }

    @Test
    void aSixtyFourKilobyteUrlIsRefusedQuickly() {
        String url = PEOPLE + "qKeywords=" + "a".repeat(64 * 1024);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertRefused(url, "url is longer than 8192 characters"));
    }

    @Test
    void fiveThousandRepeatedParametersAreRefusedQuickly() {
        String url = PEOPLE + "personTitles[]=CEO&".repeat(5000);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertRefused(url, "url is longer than 8192 characters"));
        // Short enough to pass the length limit, the count limit refuses them.
        String fourThousandShort = PEOPLE + "a&".repeat(4000);
        assertThat(fourThousandShort.length()).isLessThan(8192);
        assertRefused(fourThousandShort, "url has more than 1000 parameter values");
        assertRefused(PEOPLE + "t=1&".repeat(1001), "url has more than 1000 parameter values");
        assertRefused(PEOPLE + "a&".repeat(1001), "url has more than 1000 parameter values");
    }

    @Test
    void aThousandParameterValuesAreAccepted() {
        ApolloUrl url = ApolloUrl.parse(PEOPLE + "t=1&".repeat(1000));
        assertThat(url.parameters().get("t")).hasSize(1000);
    }

    @Test
    void namesAndValuesOfMoreThan500DecodedCharactersAreRefused() {
        assertThat(ApolloUrl.parse(PEOPLE + "n".repeat(500) + "=" + "v".repeat(500)).parameters())
                .containsEntry("n".repeat(500), List.of("v".repeat(500)));
        assertRefused(PEOPLE + "n".repeat(501) + "=1", "url has a parameter name longer than 500 characters");
        assertRefused(PEOPLE + "qKeywords=" + "v".repeat(501),
                "a value of parameter 'qKeywords' is longer than 500 characters");
        // 500 encoded characters that decode to 500 are fine; what counts is the decoded text.
        assertThat(ApolloUrl.parse(PEOPLE + "qKeywords=" + "%41".repeat(500)).parameters().get("qKeywords").get(0))
                .hasSize(500);
        assertRefused(PEOPLE + "qKeywords=" + "%41".repeat(501), "is longer than 500 characters");
    }

    @Test
    void errorMessagesDoNotEchoLongInput() {
        String name = "n".repeat(400);
        BeaconException e = refused(PEOPLE + name + "=" + "v".repeat(501));
        assertThat(e.getMessage()).hasSizeLessThan(150);
    }

    // ---------------------------------------------------------------- any input: a result or a validation error

    @Test
    void randomGarbageNeverThrowsAnythingButAValidationError() {
        Random random = new Random(20240615L);
        String alphabet = "abcAPOLLO.io:/?#&=[]%+@\\-_0123456789 \t\u0000\u00e9\u0661\u2028\ud83d\ude80\ud800\udc00\ufffd";
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            accepted += check(text.toString());
        }
        // Garbage hardly ever forms an apollo.io URL: the refusals are what was exercised.
        assertThat(accepted).isLessThan(100);
    }

    @Test
    void mutatedApolloUrlsNeverThrowAnythingButAValidationError() {
        Random random = new Random(7L);
        String alphabet = ":/?#&=[]%+@\\.-_aZ09 %C3%ZZ\u0000\ud83d\u00e9";
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(SeedExample.URL);
            int edits = 1 + random.nextInt(6);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(text.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> {
                        if (at < text.length()) {
                            text.deleteCharAt(at);
                        }
                    }
                    default -> {
                        if (at < text.length()) {
                            text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        }
                    }
                }
            }
            accepted += check(text.toString());
        }
        // Most single edits land in the query and leave a valid URL: both outcomes were exercised.
        assertThat(accepted).isBetween(1000, 19_000);
    }

    /** 1 if {@code text} parsed into a URL of apollo.io, 0 if refused with a validation error; fails otherwise. */
    private static int check(String text) {
        try {
            ApolloUrl url = ApolloUrl.parse(text);
            String host = url.baseUrl().replaceFirst("^https?://", "").replaceFirst(":[0-9]+$", "");
            assertThat(host).as("host of %s", text).matches("([a-z0-9-]+\\.)*apollo\\.io");
            assertThat(url.parameters().values().stream().mapToInt(List::size).sum()).isLessThanOrEqualTo(1000);
            return 1;
        } catch (BeaconException e) {
            assertThat(e.code()).as("code for %s", text).isEqualTo(ErrorCode.VALIDATION_ERROR);
            assertThat(e.getMessage()).as("message for %s", text).isNotBlank();
            return 0;
        } catch (Throwable other) {
            throw new AssertionError("parse(" + printable(text) + ") threw " + other, other);
        }
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format(Locale.ROOT, "\\u%04x", c)
                : String.valueOf((char) c)));
        return out.toString();
    }

    private static void assertRefused(String url, String message) {
        assertThat(refused(url).getMessage()).as("message for %s", url == null ? null : printable(
                url.length() > 200 ? url.substring(0, 200) + "…" : url)).contains(message);
    }

    private static BeaconException refused(String url) {
        try {
            ApolloUrl.parse(url);
        } catch (BeaconException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
            return e;
        }
        throw new AssertionError("expected a refusal of " + (url == null ? null : printable(url)));
    }
}
