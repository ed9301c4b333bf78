package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Issue 7: an upload survives a real process kill midway (SIGKILL, not a context close). Beacon runs as a
 * child process with settings that keep a {@value #ROWS}-row company upload going long enough (two row threads,
 * small batches, frequent progress records) and a short lease, so that the restarted node takes the upload
 * over soon. The process is killed once the upload shows 15% of its rows processed (and before 70%), then
 * started again on the same data. The upload is taken up again where it was recorded and completes, and:
 * <ul>
 *   <li>every row landed exactly once: the good rows created one company each, under the row's own id, with the
 *   row's name (none missing, none twice, a row handled again after the crash counted as created); the bad
 *   rows are one error each, in row order;</li>
 *   <li>progress never went backwards: neither in what {@code GET /api/v1/uploads/{id}} showed, polled all the
 *   way through, nor in the {@code upload_progress} pushes of the {@code uploads} channel, which a subscriber
 *   resumes after the restart from the last offset it received before the kill.</li>
 * </ul>
 * The checks after completion are soft: a run reports every property that does not hold.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class UploadCrashTest {

    /** Rows of the file; every {@value #BAD_EVERY}th one is bad. */
    static final int ROWS = 10_000;
    static final int BAD_EVERY = 97;
    static final String BAD_MESSAGE = "employees_count must be an integer";
    /** Rows checked one by one on either side of where the upload was killed and where it resumed. */
    static final int AROUND = 300;

    /** Slow enough to kill the upload midway on a small machine; the lease short, so the restart takes it over soon. */
    private static final String[] UPLOAD_SETTINGS = {
            "--beacon.uploads.row-threads=2",
            "--beacon.uploads.batch-rows=64",
            "--beacon.uploads.progress-interval=PT0.2S",
            "--beacon.uploads.lease=PT5S",
            "--beacon.uploads.poll=PT0.5S"};

    @TempDir
    Path dataDir;

    @Test
    void aKilledUploadIsTakenUpAgainAfterARestartAndEveryRowLandsExactlyOnce() throws Exception {
        String prefix = "Upload Crash " + UUID.randomUUID().toString().substring(0, 8) + " ";
        List<Long> badRows = new ArrayList<>();
        StringBuilder csv = new StringBuilder("name,employees_count\n");
        for (long row = 1; row <= ROWS; row++) {
            boolean bad = row % BAD_EVERY == 0;
            if (bad) {
                badRows.add(row);
            }
            csv.append(name(prefix, row)).append(',').append(bad ? "lots" : Long.toString(employees(row))).append('\n');
        }
        long goodRows = ROWS - badRows.size();

        long t0 = System.nanoTime();
        String uploadId;
        // rows_processed of every GET, before the kill and after the restart
        List<Long> polled = new ArrayList<>();
        long processedAtKill;
        List<JsonNode> beforeKill;
        String lastOffset;
        try (BeaconProcess beacon = BeaconProcess.start(dataDir, UPLOAD_SETTINGS)) {
            log(t0, "started on port " + beacon.port());
            String token = beacon.accessToken();
            UploadHttp http = new UploadHttp(beacon.port());
            try (ChannelClient channel = ChannelClient.open(beacon.port(), token)) {
                channel.connected();
                JsonNode subscribed = channel.subscribe("uploads");
                assertThat(subscribed.path("type").asText()).as("%s", subscribed).isEqualTo("subscribed");

                UploadHttp.Answer accepted = http.upload(token, "companies", "text/csv", csv.toString(),
                        BeaconProcess.WRITE_KEY);
                assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(202);
                uploadId = accepted.body().path("upload_id").asText();
                assertThat(accepted.body().path("total_rows").asLong()).isEqualTo(ROWS);
                log(t0, "uploaded " + uploadId);

                long uploadedAt = System.nanoTime();
                long deadline = uploadedAt + Duration.ofSeconds(90).toNanos();
                while (true) {
                    UploadHttp.Answer answer = http.get(token, uploadId, "errors_limit=0");
                    assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
                    long processed = answer.body().path("rows_processed").asLong();
                    polled.add(processed);
                    if (processed >= ROWS * 70L / 100 || UploadHttp.finished(answer.body())) {
                        fail("the upload got too far to be killed midway (%d of %d rows after %d ms): slow it down;"
                                        + " polled %s", processed, ROWS,
                                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - uploadedAt), polled);
                    }
                    if (processed >= ROWS * 15L / 100) {
                        processedAtKill = processed;
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        fail("the upload did not get to 15%% of its rows within 90 s; last: %s", answer.body());
                    }
                    Thread.sleep(50);
                }
                beacon.kill();
                log(t0, "killed at " + processedAtKill + " rows processed ("
                        + processedAtKill * 1_000_000_000L / (System.nanoTime() - uploadedAt) + " rows/s)");
                // The connection died with the process: what it received, it received before the kill.
                List<JsonNode> onUploads = channel.events().stream()
                        .filter(m -> m.path("channel").asText().startsWith("uploads")).toList();
                assertThat(onUploads).as("pushes on uploads before the kill").isNotEmpty();
                lastOffset = onUploads.get(onUploads.size() - 1).path("offset").asText();
                beforeKill = ofUpload(onUploads, uploadId);
            }
        }
        List<Long> progressBeforeKill = rowsProcessed(ofType(beforeKill, "upload_progress"));
        long lastProgressBeforeKill = progressBeforeKill.isEmpty() ? 0 : progressBeforeKill.get(progressBeforeKill.size() - 1);

        try (BeaconProcess restarted = BeaconProcess.start(dataDir, UPLOAD_SETTINGS)) {
            log(t0, "restarted on port " + restarted.port());
            String token = restarted.accessToken();
            UploadHttp http = new UploadHttp(restarted.port());
            JsonNode done;
            List<JsonNode> afterRestart;
            try (ChannelClient channel = ChannelClient.open(restarted.port(), token)) {
                channel.connected();
                JsonNode subscribed = channel.subscribeSince("uploads", lastOffset);
                assertThat(subscribed.path("type").asText()).as("%s", subscribed).isEqualTo("subscribed");

                done = http.await(token, uploadId, upload -> {
                    polled.add(upload.path("rows_processed").asLong());
                    return UploadHttp.finished(upload);
                }, Duration.ofMinutes(3));
                log(t0, "finished: " + done.path("status").asText());
                if ("completed".equals(done.path("status").asText())) {
                    channel.nextEvent("uploads", m -> uploadId.equals(m.path("data").path("upload_id").asText())
                            && "status_update".equals(m.path("type").asText())
                            && "completed".equals(m.path("data").path("status").asText()), "the completed upload");
                }
                afterRestart = ofUpload(channel.events(), uploadId);
            }

            SoftAssertions softly = new SoftAssertions();
            // The upload as GET shows it.
            softly.assertThat(done.path("status").asText()).as("status (failure_reason %s)", done.path("failure_reason"))
                    .isEqualTo("completed");
            softly.assertThat(done.path("total_rows").asLong()).as("total_rows").isEqualTo(ROWS);
            softly.assertThat(done.path("rows_processed").asLong()).as("rows_processed").isEqualTo(ROWS);
            softly.assertThat(done.path("progress").asDouble()).as("progress").isEqualTo(100.0);
            softly.assertThat(done.path("attempts").asInt()).as("attempts: taken up again after the restart")
                    .isGreaterThanOrEqualTo(2);
            List<String> unexpectedErrors = new ArrayList<>();
            List<Long> errorRows = new ArrayList<>();
            for (JsonNode error : done.path("errors")) {
                long row = error.path("row").asLong();
                errorRows.add(row);
                if (row % BAD_EVERY != 0 || !BAD_MESSAGE.equals(error.path("message").asText())) {
                    unexpectedErrors.add(error.toString());
                }
            }
            softly.assertThat(unexpectedErrors).as("errors other than the bad rows' (%d of them)", unexpectedErrors.size())
                    .isEmpty();
            softly.assertThat(errorRows).as("error rows: each bad row once, in row order").containsExactlyElementsOf(badRows);
            softly.assertThat(done.path("rows_created").asLong()).as("rows_created: every good row").isEqualTo(goodRows);
            softly.assertThat(done.path("rows_failed").asLong()).as("rows_failed: every bad row").isEqualTo(badRows.size());

            // Progress never goes backwards: over REST ...
            List<String> backwards = new ArrayList<>();
            for (int i = 1; i < polled.size(); i++) {
                if (polled.get(i) < polled.get(i - 1)) {
                    backwards.add("poll " + i + ": " + polled.get(i - 1) + " -> " + polled.get(i));
                }
            }
            softly.assertThat(backwards).as("polled rows_processed going backwards (killed at %d)", processedAtKill).isEmpty();
            // ... and in the pushes: those before the kill and the resumed ones are one increasing series.
            List<JsonNode> pushes = new ArrayList<>(beforeKill);
            pushes.addAll(afterRestart);
            List<Long> offsets = pushes.stream().map(m -> Long.parseLong(m.path("offset").asText())).toList();
            softly.assertThat(offsets).as("offsets of the pushes before the kill and after the restart")
                    .isSorted().doesNotHaveDuplicates();
            List<Long> pushedProgress = rowsProcessed(ofType(pushes, "upload_progress"));
            List<String> notIncreasing = new ArrayList<>();
            for (int i = 1; i < pushedProgress.size(); i++) {
                if (pushedProgress.get(i) <= pushedProgress.get(i - 1)) {
                    notIncreasing.add("push " + i + ": " + pushedProgress.get(i - 1) + " -> " + pushedProgress.get(i));
                }
            }
            softly.assertThat(notIncreasing).as("upload_progress pushes not strictly increasing (before the kill %s, after %s)",
                    progressBeforeKill, rowsProcessed(ofType(afterRestart, "upload_progress"))).isEmpty();
            softly.assertThat(pushedProgress).as("upload_progress pushes").isNotEmpty().endsWith((long) ROWS);
            List<JsonNode> resumed = ofType(afterRestart, "status_update").stream()
                    .filter(m -> "processing".equals(m.path("data").path("status").asText())).toList();
            softly.assertThat(resumed).as("status_update processing pushed after the restart").isNotEmpty();
            long resumedAt = resumed.isEmpty() ? processedAtKill : resumed.get(0).path("data").path("rows_processed").asLong();
            softly.assertThat(resumedAt).as("the row the upload resumed from after the restart")
                    .isGreaterThanOrEqualTo(lastProgressBeforeKill)
                    .isGreaterThanOrEqualTo(processedAtKill)
                    .isLessThan(ROWS);
            // Every recorded range was pushed once: the counts add up, nothing lost, nothing repeated.
            softly.assertThat(sum(ofType(pushes, "upload_progress"), "rows_created"))
                    .as("rows_created over the upload_progress pushes").isEqualTo(goodRows);
            softly.assertThat(sum(ofType(pushes, "upload_progress"), "rows_failed"))
                    .as("rows_failed over the upload_progress pushes").isEqualTo(badRows.size());
            softly.assertThat(sum(ofType(pushes, "new_records"), "count"))
                    .as("count over the new_records pushes").isEqualTo(goodRows);
            log(t0, "killed at " + processedAtKill + ", last progress pushed before " + lastProgressBeforeKill
                    + ", resumed at " + resumedAt + "; " + pushes.size() + " pushes, " + polled.size() + " polls");

            // Every row landed exactly once.
            try (WsClient client = WsClient.connect(restarted.port(), token)) {
                softly.assertThat(countCompanies(client, prefix, goodRows))
                        .as("companies named %s*: no row missing, none twice", prefix).isEqualTo(goodRows);

                TreeSet<Long> sample = new TreeSet<>(badRows);
                for (long row = 1; row <= ROWS; row += 50) {
                    sample.add(row);
                }
                for (long around : List.of(processedAtKill, resumedAt)) {
                    for (long row = Math.max(1, around - AROUND); row <= Math.min(ROWS, around + AROUND); row++) {
                        sample.add(row);
                    }
                }
                sample.add((long) ROWS);
                List<String> wrong = new ArrayList<>();
                List<Long> rows = new ArrayList<>(sample);
                // In pages below the connection's limit of requests in flight.
                for (int from = 0; from < rows.size(); from += 50) {
                    List<Long> page = rows.subList(from, Math.min(rows.size(), from + 50));
                    List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
                    for (long row : page) {
                        answers.add(client.send("get_company", Map.of("company_uuid", UploadHttp.rowEntityId(uploadId, row))));
                    }
                    for (int i = 0; i < page.size(); i++) {
                        long row = page.get(i);
                        JsonNode answer = WsClient.await(answers.get(i), "get_company of row " + row);
                        JsonNode company = answer.path("data");
                        boolean right = row % BAD_EVERY == 0
                                ? "not_found".equals(answer.path("error").path("code").asText())
                                : "success".equals(answer.path("status").asText())
                                && name(prefix, row).equals(company.path("name").asText())
                                && company.path("employees_count").asLong() == employees(row)
                                && company.path("version").asLong() == 1;
                        if (!right) {
                            wrong.add("row " + row + ": " + answer);
                        }
                    }
                }
                softly.assertThat(wrong).as("rows whose company is not as the row says (of %d checked)", rows.size())
                        .isEmpty();
                log(t0, "checked " + rows.size() + " rows one by one");
            }
            softly.assertAll();
        }
    }

    private static String name(String prefix, long row) {
        return prefix + String.format("%05d", row);
    }

    private static long employees(long row) {
        return row % 500;
    }

    /** The count of companies named with {@code prefix}, once it reaches {@code expected} (or after 30 s). */
    private static long countCompanies(WsClient client, String prefix, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode answer = client.call("count_companies", Map.of("name", prefix));
            assertThat(answer.path("status").asText()).as("%s", answer).isEqualTo("success");
            long count = answer.path("data").path("count").asLong();
            if (count >= expected || System.nanoTime() > deadline) {
                return count;
            }
            Thread.sleep(200);
        }
    }

    /** The pushes about this upload on {@code uploads}, in arrival order. */
    private static List<JsonNode> ofUpload(List<JsonNode> pushes, String uploadId) {
        return pushes.stream()
                .filter(m -> m.path("channel").asText().startsWith("uploads"))
                .filter(m -> uploadId.equals(m.path("data").path("upload_id").asText()))
                .toList();
    }

    private static List<JsonNode> ofType(List<JsonNode> pushes, String type) {
        return pushes.stream().filter(m -> type.equals(m.path("type").asText())).toList();
    }

    private static List<Long> rowsProcessed(List<JsonNode> pushes) {
        return pushes.stream().map(m -> m.path("data").path("rows_processed").asLong()).toList();
    }

    private static long sum(List<JsonNode> pushes, String field) {
        return pushes.stream().mapToLong(m -> m.path("data").path(field).asLong()).sum();
    }

    private static void log(long t0, String what) {
        System.out.printf("[UploadCrashTest +%d ms] %s%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), what);
    }
}
