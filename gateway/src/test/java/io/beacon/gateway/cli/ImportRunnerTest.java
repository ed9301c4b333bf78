package io.beacon.gateway.cli;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.upload.value.RowError;
import io.beacon.upload.value.UploadFormat;
import io.beacon.upload.value.UploadStatus;
import io.beacon.upload.value.UploadType;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class ImportRunnerTest {

    @TempDir
    Path dir;

    private final FakeUploadTarget uploads = new FakeUploadTarget();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicLong nanos = new AtomicLong();
    private final List<Duration> pauses = new ArrayList<>();

    @Test
    void aCompletedImportEndsAtOneHundredPercentWithItsCountsAndFirstRowErrors() throws Exception {
        List<RowError> errors = LongStream.rangeClosed(1, 7).mapToObj(n -> new RowError(n * 100,
                "employees_count must be an integer")).toList();
        uploads.states.addAll(List.of(
                uploads.view(UploadStatus.QUEUED, 0, 1_000, 0, 0, List.of(), null),
                uploads.view(UploadStatus.PROCESSING, 0, 1_000, 0, 0, List.of(), null),
                uploads.view(UploadStatus.PROCESSING, 250, 1_000, 248, 2, errors.subList(0, 2), null),
                uploads.view(UploadStatus.PROCESSING, 500, 1_000, 495, 5, errors.subList(0, 5), null),
                uploads.view(UploadStatus.COMPLETED, 1_000, 1_000, 993, 7, errors, null)));
        Path file = Files.writeString(dir.resolve("companies.csv"), "name\nA\n");

        int exit = runner().run(file, UploadType.COMPANIES, UploadFormat.CSV);

        assertThat(exit).isZero();
        assertThat(uploads.received).isEqualTo("name\nA\n");
        assertThat(pauses).allMatch(ImportRunner.POLL::equals).isNotEmpty();
        List<String> bars = err().lines().toList();
        assertThat(bars.get(0)).contains("  0%  0/1,000 rows  -- rows/s  ETA --  (queued)");
        // A look every 250 ms of the fake clock: 500 rows in 750 ms, 500 to go.
        assertThat(bars).contains("[###############...............]  50%  500/1,000 rows  667 rows/s  ETA 1s");
        assertThat(bars.get(bars.size() - 1)).startsWith("[##############################] 100%  1,000/1,000 rows")
                .endsWith("ETA 0s");
        assertThat(uploads.lastErrorsLimit).isEqualTo(ImportRunner.ERRORS_SHOWN);
        assertThat(out().lines().toList()).containsSubsequence(
                "imported 1,000 companies rows in 1.0s: 993 created, 7 failed",
                "  row 100: employees_count must be an integer",
                "  row 500: employees_count must be an integer",
                "  ... and 2 more (GET /api/v1/uploads/" + uploads.id + " lists them all)");
        assertThat(out()).doesNotContain("row 600");
        assertThat(out().lines().findFirst().orElseThrow()).startsWith("importing 1,000 companies rows from " + file)
                .contains("upload " + uploads.id);
    }

    @Test
    void aFailedImportExitsOneWithItsReason() throws Exception {
        uploads.states.addAll(List.of(
                uploads.view(UploadStatus.PROCESSING, 0, 1_000, 0, 0, List.of(), null),
                uploads.view(UploadStatus.FAILED, 300, 1_000, 300, 0, List.of(), "processing failed 5 times")));
        Path file = Files.writeString(dir.resolve("companies.csv"), "name\nA\n");

        int exit = runner().run(file, UploadType.COMPANIES, UploadFormat.CSV);

        assertThat(exit).isEqualTo(BeaconCli.EXIT_FAILED);
        assertThat(err()).contains("(failed)")
                .contains("import failed after").contains("300 of 1,000 rows processed: processing failed 5 times");
    }

    @Test
    void aRefusedFileExitsOneWithTheReason() throws Exception {
        uploads.refusal = new BeaconException(ErrorCode.VALIDATION_ERROR, "unknown column: colour");
        Path file = Files.writeString(dir.resolve("companies.csv"), "colour\nred\n");

        int exit = runner().run(file, UploadType.COMPANIES, UploadFormat.CSV);

        assertThat(exit).isEqualTo(BeaconCli.EXIT_FAILED);
        assertThat(err()).contains("the file was refused (validation_error): unknown column: colour");
        assertThat(out()).isEmpty();
    }

    @Test
    void anEmptyFileCompletesAtOnce() throws Exception {
        uploads.states.add(uploads.view(UploadStatus.COMPLETED, 0, 0, 0, 0, List.of(), null));
        Path file = Files.writeString(dir.resolve("companies.csv"), "name\n");

        int exit = runner().run(file, UploadType.COMPANIES, UploadFormat.CSV);

        assertThat(exit).isZero();
        assertThat(pauses).isEmpty();
        assertThat(err().lines().toList()).singleElement(InstanceOfAssertFactories.STRING)
                .contains("100%  0/0 rows");
        assertThat(out()).contains("imported 0 companies rows");
    }

    private ImportRunner runner() {
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        return new ImportRunner(uploads, new ProgressReporter(errStream, false, nanos::get),
                new PrintStream(out, true, StandardCharsets.UTF_8), errStream, nanos::get, duration -> {
            pauses.add(duration);
            nanos.addAndGet(duration.toNanos());
        });
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
