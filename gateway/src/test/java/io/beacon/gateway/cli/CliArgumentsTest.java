package io.beacon.gateway.cli;

import io.beacon.upload.value.UploadFormat;
import io.beacon.upload.value.UploadType;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CliArgumentsTest {

    @Test
    void replayNamesOneProjection() {
        CliArguments parsed = CliArguments.parse(new String[]{"replay", "companies"});

        assertThat(parsed.command()).isEqualTo(new CliCommand.Replay("companies"));
        assertThat(parsed.settings()).isEmpty();
    }

    @Test
    void importTakesTypeAndFormatInEitherSpelling() {
        assertThat(CliArguments.parse(new String[]{"import", "people.txt", "--type=contacts", "--format=ndjson"}).command())
                .isEqualTo(new CliCommand.Import(Path.of("people.txt"), UploadType.CONTACTS, UploadFormat.NDJSON));
        assertThat(CliArguments.parse(new String[]{"import", "--type", "COMPANIES", "--format", "CSV", "x.data"}).command())
                .isEqualTo(new CliCommand.Import(Path.of("x.data"), UploadType.COMPANIES, UploadFormat.CSV));
    }

    @Test
    void importReadsTheFormatFromTheExtensionAndLeavesTheTypeToTheHeader() {
        assertThat(CliArguments.parse(new String[]{"import", "a/companies.CSV"}).command())
                .isEqualTo(new CliCommand.Import(Path.of("a/companies.CSV"), null, UploadFormat.CSV));
        assertThat(((CliCommand.Import) CliArguments.parse(new String[]{"import", "rows.ndjson"}).command()).format())
                .isEqualTo(UploadFormat.NDJSON);
        assertThat(((CliCommand.Import) CliArguments.parse(new String[]{"import", "rows.jsonl"}).command()).format())
                .isEqualTo(UploadFormat.NDJSON);
    }

    @Test
    void theFormatOptionWinsOverTheExtension() {
        assertThat(((CliCommand.Import) CliArguments.parse(new String[]{"import", "rows.csv", "--format=ndjson"})
                .command()).format()).isEqualTo(UploadFormat.NDJSON);
    }

    @Test
    void settingsGoToSpringInTheirOrder() {
        CliArguments parsed = CliArguments.parse(new String[]{"--beacon.data-dir=/srv/beacon", "replay", "companies",
                "--server.port=9000"});

        assertThat(parsed.settings()).containsExactly("--beacon.data-dir=/srv/beacon", "--server.port=9000");
    }

    @Test
    void helpWinsOverEverythingElse() {
        assertThat(CliArguments.parse(new String[]{"replay", "--help"}).command()).isInstanceOf(CliCommand.Help.class);
        assertThat(CliArguments.parse(new String[]{"-h"}).command()).isInstanceOf(CliCommand.Help.class);
        assertThat(CliArguments.parse(new String[]{"help"}).command()).isInstanceOf(CliCommand.Help.class);
    }

    @Test
    void mistakesAreUsageErrorsThatSayWhatIsWrong() {
        assertUsage(new String[]{}, "name a command");
        assertUsage(new String[]{"--beacon.data-dir=/x"}, "name a command");
        assertUsage(new String[]{"rebuild", "companies"}, "unknown command rebuild");
        assertUsage(new String[]{"replay"}, "replay needs a projection");
        assertUsage(new String[]{"replay", "companies", "contacts"}, "replay takes one projection");
        assertUsage(new String[]{"replay", "companies", "--type=companies"}, "options of import");
        assertUsage(new String[]{"import"}, "import needs a file");
        assertUsage(new String[]{"import", "a.csv", "b.csv"}, "import takes one file");
        assertUsage(new String[]{"import", "a.xlsx"}, "say --format=csv|ndjson");
        assertUsage(new String[]{"import", "a.csv", "--type=people"}, "--type must be companies or contacts");
        assertUsage(new String[]{"import", "a.csv", "--format=xml"}, "--format must be csv or ndjson");
        assertUsage(new String[]{"import", "a.csv", "--type"}, "--type needs a value");
        assertUsage(new String[]{"import", "a.csv", "--type=companies", "--type=contacts"}, "--type is given twice");
        assertUsage(new String[]{"import", "a.csv", "--verbose"}, "unknown option --verbose");
    }

    @Test
    void onlyCommandWordsAndHelpLeaveTheServerStart() {
        assertThat(CliArguments.isCommand(new String[]{})).isFalse();
        assertThat(CliArguments.isCommand(new String[]{"--server.port=8001"})).isFalse();
        assertThat(CliArguments.isCommand(new String[]{"--server.port=8001", "something"})).isFalse();
        assertThat(CliArguments.isCommand(new String[]{"--server.port=8001", "replay", "companies"})).isTrue();
        assertThat(CliArguments.isCommand(new String[]{"--type", "companies", "import", "x.csv"})).isTrue();
        assertThat(CliArguments.isCommand(new String[]{"import"})).isTrue();
        assertThat(CliArguments.isCommand(new String[]{"--help"})).isTrue();
    }

    private static void assertUsage(String[] args, String message) {
        assertThatThrownBy(() -> CliArguments.parse(args)).as(List.of(args).toString())
                .isInstanceOf(UsageException.class).hasMessageContaining(message);
    }
}
