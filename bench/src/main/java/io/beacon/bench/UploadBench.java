package io.beacon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import static io.beacon.bench.BeaconBench.log;

/**
 * Bulk uploads (issue 7) against {@code create_company} over WebSocket, in one run against one Beacon
 * (see {@code bench/uploads.sh}):
 * <ol>
 *   <li><b>baseline</b>: {@code create_company} over {@code writers} connections of the action endpoint, at most
 *   {@code in-flight} outstanding in all (closed loop: an answer frees a slot for the next request), for
 *   {@code warmup-s} unmeasured then {@code duration-s} measured; answers per second (those arriving in the
 *   measured window) and their latency (send → answer, which waits for the read model);</li>
 *   <li><b>upload</b>: a CSV of {@code rows} companies (same generator, same fields as the baseline's requests,
 *   names with a per-run prefix) posted to {@code POST /api/v1/uploads?type=companies}: the time to its
 *   {@code 202} (the file stored and counted), then to {@code completed} (the channel's {@code status_update},
 *   {@code /api/v1/ws}, subscribed to {@code uploads} before the post), with {@code GET /api/v1/uploads/{id}}
 *   polled every {@code poll-ms} meanwhile for the progress curve, and the read model's frontier followed
 *   (the highest row whose company {@code get_company} finds, by bisection, every {@code poll-ms}) until it
 *   holds every row; the counts checked; a sample of the rows' companies read back with their names, and
 *   {@code count_companies} against everything created;</li>
 *   <li><b>baseline again</b> ({@code baseline-after}, default on): the same as 1, on the store now holding the
 *   upload's companies.</li>
 * </ol>
 * Beacon's CPU is read from {@code /proc/<pid>/stat}, the machine's from {@code /proc/stat} (the rest of it is
 * "others": the machine is shared), at each phase's ends and at each sample during the upload; Beacon's heap after
 * a forced full GC ({@code jcmd GC.run}) after each phase. Options are {@code --name=value}.
 */
public final class UploadBench {

    private static final String[] CSV_COLUMNS = {"name", "employees_count", "annual_revenue", "total_funding",
            "industries", "keywords", "technologies", "address", "metadata.city", "metadata.state", "metadata.country",
            "metadata.phone_number", "metadata.website", "metadata.linkedin_url"};
    /** Most get_company requests of one frontier step (the bisection's resolution is the gap / 2^(this - 1)). */
    private static final int FRONTIER_PROBES = 10;

    private final String baseUrl;
    private final String email;
    private final String password;
    private final String writeKey;
    private final long pid;
    private final int writers;
    private final int inFlight;
    private final int durationS;
    private final int warmupS;
    private final int initialWarmupS;
    private final int rows;
    private final int pollMs;
    private final int windowS;
    private final int uploadTimeoutS;
    private final int readModelWaitS;
    private final int sampleRows;
    private final int checkLast;
    private final boolean baselineAfter;
    private final boolean keepCsv;
    private final Path out;
    private final BeaconHttp beacon;
    private final CompanyData companies;
    private final String tag;
    private final HttpClient wsHttp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String> table = new ArrayList<>();
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    /** Companies created by the baselines (answered success), all phases so far. */
    private final AtomicLong baselineCreated = new AtomicLong();
    private final AtomicLong nextBaselineCompany = new AtomicLong();
    private volatile String adminToken;

    private UploadBench(Map<String, String> a) {
        baseUrl = a.getOrDefault("base-url", "http://127.0.0.1:8000");
        email = a.get("email");
        password = a.get("password");
        writeKey = a.get("write-key");
        pid = Long.parseLong(a.getOrDefault("beacon-pid", "0"));
        writers = Integer.parseInt(a.getOrDefault("writers", "8"));
        inFlight = Integer.parseInt(a.getOrDefault("in-flight", "64"));
        durationS = Integer.parseInt(a.getOrDefault("duration-s", "30"));
        warmupS = Integer.parseInt(a.getOrDefault("warmup-s", "10"));
        initialWarmupS = Integer.parseInt(a.getOrDefault("initial-warmup-s", "30"));
        rows = Integer.parseInt(a.getOrDefault("rows", "100000"));
        pollMs = Integer.parseInt(a.getOrDefault("poll-ms", "500"));
        windowS = Integer.parseInt(a.getOrDefault("window-s", "10"));
        uploadTimeoutS = Integer.parseInt(a.getOrDefault("upload-timeout-s", "3600"));
        readModelWaitS = Integer.parseInt(a.getOrDefault("read-model-wait-s", "1800"));
        sampleRows = Math.max(2, Integer.parseInt(a.getOrDefault("sample-rows", "50")));
        checkLast = Math.max(1, Integer.parseInt(a.getOrDefault("check-last", "1024")));
        baselineAfter = !"0".equals(a.getOrDefault("baseline-after", "1"));
        keepCsv = "1".equals(a.getOrDefault("keep-csv", "0"));
        out = Path.of(a.getOrDefault("out-dir", "."));
        beacon = new BeaconHttp(baseUrl);
        companies = new CompanyData(Long.parseLong(a.getOrDefault("seed", "42")));
        tag = String.format("%06x", new Random().nextInt(1 << 24));
        if (writers < 1 || inFlight < 1 || durationS < 1 || rows < 1 || pollMs < 50 || windowS < 1) {
            throw new IllegalArgumentException("writers, in-flight, duration-s, rows, window-s must be positive, poll-ms >= 50");
        }
    }

    public static void main(String[] argv) {
        UploadBench bench = new UploadBench(BenchArgs.parse(argv));
        int rc = 0;
        try {
            bench.run();
        } catch (Exception e) {
            e.printStackTrace();
            bench.notes.add("FAILED: " + e);
            rc = 1;
        }
        List<String> summary = new ArrayList<>(bench.table);
        summary.addAll(bench.notes);
        System.out.println();
        System.out.println("==== SUMMARY ====");
        summary.forEach(System.out::println);
        try {
            Files.write(bench.out.resolve("figures.txt"), summary);
        } catch (IOException e) {
            System.err.println("WARN cannot write figures.txt: " + e);
        }
        System.exit(rc);
    }

    // ------------------------------------------------------------------ the run

    private void run() throws Exception {
        log("uploads: beacon=%s pid=%d rows=%d writers=%d in_flight=%d initial_warmup=%ds warmup=%ds duration=%ds "
                        + "baseline_after=%s poll=%dms window=%ds name prefixes cb-%s-/ub-%s-", baseUrl, pid, rows, writers,
                inFlight, initialWarmupS, warmupS, durationS, baselineAfter, pollMs, windowS, tag, tag);
        adminToken = beacon.loginAdmin(email, password);
        // The file first: generating it is the client's work, not part of any measurement.
        long g0 = System.nanoTime();
        byte[] csv = csv();
        log("generated the CSV: %d rows, %.1f MB in %.1fs", rows, csv.length / 1e6, (System.nanoTime() - g0) / 1e9);
        writeHead(csv);

        // A fresh JVM creates several times slower until its JIT has compiled the write path: the first baseline
        // warms up longer.
        Baseline before = baseline("baseline-1", initialWarmupS + warmupS);
        Upload upload = upload(csv);
        Baseline after = baselineAfter ? baseline("baseline-2", warmupS) : null;
        adminToken = beacon.loginAdmin(email, password);
        double heapEnd = beacon.heapMb(pid, true);
        report(before, upload, after, heapEnd);
    }

    // ------------------------------------------------------------------ baseline: create_company over WebSocket

    private record Baseline(String name, int warmupS, double seconds, long answered, double rate, double[] latencyMs,
                            Map<String, Long> errors, long created, Cpu cpu, double heapMb) {
        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * {@code writers} connections, at most {@code in-flight} creates outstanding in all; each answer frees its slot.
     * Counted: success answers arriving in [warm-up end, warm-up end + duration]; their send → answer latencies.
     */
    private Baseline baseline(String name, int warmupS) throws Exception {
        adminToken = beacon.loginAdmin(email, password);
        List<WsConnection> connections = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            connections.add(WsConnection.open(wsHttp, BenchArgs.companiesWsUrl(baseUrl), adminToken, name + "-w" + i));
        }
        log("%s: create_company over %d connections, <= %d in flight, %ds warm-up + %ds measured",
                name, writers, inFlight, warmupS, durationS);
        Semaphore slots = new Semaphore(inFlight);
        Latencies measured = new Latencies(1 << 14);
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        AtomicLong created = new AtomicLong();
        AtomicLong answeredInWindow = new AtomicLong();
        List<long[]> raw = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long from = start + TimeUnit.SECONDS.toNanos(warmupS);
        long to = from + TimeUnit.SECONDS.toNanos(durationS);
        Cpu.Reading cpuFrom = null;
        long nextLog = start + TimeUnit.SECONDS.toNanos(10);
        int sent = 0;
        while (true) {
            long now = System.nanoTime();
            if (cpuFrom == null && now >= from) {
                cpuFrom = cpuNow();
            }
            if (now >= to) {
                break;
            }
            if (now >= nextLog) {
                log("%s t=%.0fs created=%d errors=%d", name, (now - start) / 1e9, created.get(),
                        errors.values().stream().mapToLong(LongAdder::sum).sum());
                nextLog += TimeUnit.SECONDS.toNanos(10);
            }
            if (!slots.tryAcquire(20, TimeUnit.MILLISECONDS)) {
                continue;
            }
            int c = sent++ % connections.size();
            WsConnection connection = connections.get(c);
            if (!connection.isOpen()) {
                connection = WsConnection.open(wsHttp, BenchArgs.companiesWsUrl(baseUrl), adminToken, name + "-w" + c + "r" + sent);
                connections.set(c, connection);
            }
            ObjectNode data = CompanyData.createRequest(company("cb", rows + nextBaselineCompany.incrementAndGet()), writeKey);
            long sendNanos = System.nanoTime();
            connection.request("create_company", data).orTimeout(120, TimeUnit.SECONDS).whenComplete((answer, failure) -> {
                long received = failure == null ? answer.receivedNanos() : System.nanoTime();
                boolean ok = failure == null && answer.ok();
                if (ok) {
                    created.incrementAndGet();
                    if (received >= from && received <= to) {
                        answeredInWindow.incrementAndGet();
                        synchronized (measured) {
                            measured.add(received - sendNanos);
                        }
                    }
                } else {
                    String code = failure != null ? failure.getClass().getSimpleName() : answer.errorCode();
                    errors.computeIfAbsent(code, k -> new LongAdder()).increment();
                }
                raw.add(new long[]{sendNanos - start, received - sendNanos, ok ? 1 : 0});
                slots.release();
            });
        }
        Cpu cpu = Cpu.between(cpuFrom, cpuNow());
        if (slots.tryAcquire(inFlight, 150, TimeUnit.SECONDS)) {
            slots.release(inFlight);
        } else {
            notes.add(name + ": some creates were still unanswered 150 s after the phase");
        }
        connections.forEach(WsConnection::close);
        baselineCreated.addAndGet(created.get());
        double heap = beacon.heapMb(pid, true);
        Map<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
        double[] latency;
        synchronized (measured) {
            latency = measured.percentiles(50, 99, 100);
        }
        for (int i = 0; i < latency.length; i++) {
            latency[i] /= 1e6;
        }
        Baseline b = new Baseline(name, warmupS, durationS, answeredInWindow.get(), answeredInWindow.get() / (double) durationS,
                latency, errorCounts, created.get(), cpu, heap);
        log("%s: %.1f creates/s (%d answered in %ds), p50=%.1f ms p99=%.1f ms, errors %s, cores beacon %.2f others %.2f, "
                        + "heap after GC %.0f MB", name, b.rate, b.answered, durationS, latency[0], latency[1], errorCounts,
                cpu.beacon, cpu.others, heap);
        List<String> lines = new ArrayList<>();
        lines.add("send_s,latency_ms,ok");
        synchronized (raw) {
            raw.sort((x, y) -> Long.compare(x[0], y[0]));
            for (long[] r : raw) {
                lines.add(String.format(Locale.ROOT, "%.4f,%.3f,%d", r[0] / 1e9, r[1] / 1e6, r[2]));
            }
        }
        Files.write(out.resolve(name + ".csv"), lines);
        return b;
    }

    // ------------------------------------------------------------------ upload

    /** A reading of a progressing count (rows processed, rows in the read model) and Beacon's CPU seconds then. */
    private record Point(long nanos, long value, double beaconCpu) {
    }

    private record Sample(long nanos, String status, long processed, long created, long failed, double beaconCpu,
                          String updatedAt) {
        Point point() {
            return new Point(nanos, processed, beaconCpu);
        }
    }

    /** One nominal window [fromS, toS) after the 202; rate NaN when no reading fell in it. */
    private record Window(double fromS, double toS, double rate, double cores, boolean partial) {
    }

    /** The last rows' companies asked for as soon as completed was seen: how many were not found, and until when. */
    private record LastRows(long from, long to, int missingAtFirst, double firstPassS, double allFoundAfterS,
                            Map<String, Long> otherAnswers) {
    }

    private record Upload(String id, long sizeBytes, long totalRows, double toAcceptedS, double acceptedToProcessingS,
                          double acceptedToDoneS, String doneSource, double pollDoneLagS, LastRows lastRows,
                          double doneToVisibleS,
                          String status, long processed, long created, long failed, double serverS, Cpu receiveCpu,
                          Cpu processCpu, Cpu catchUpCpu, List<Window> uploadWindows, List<Window> readModelWindows,
                          List<Window> uploadMinutes, long progressStep, String readModel, String count, double heapMb) {
        double postToDoneS() {
            return toAcceptedS + acceptedToDoneS;
        }

        double postToVisibleS() {
            return toAcceptedS + acceptedToDoneS + doneToVisibleS;
        }
    }

    private Upload upload(byte[] csv) throws Exception {
        adminToken = beacon.loginAdmin(email, password);
        Channel channel = Channel.open(wsHttp, baseUrl, adminToken);
        log("upload: channel subscribed to uploads; posting %d rows (%.1f MB)", rows, csv.length / 1e6);

        Cpu.Reading cpuPost = cpuNow();
        long tPost = System.nanoTime();
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(baseUrl
                                + "/api/v1/uploads?type=companies&file_name=" + URLEncoder.encode("bench-" + tag + ".csv", StandardCharsets.UTF_8)))
                        .header("Authorization", "Bearer " + adminToken).header("Content-Type", "text/csv")
                        .header("X-Companies-Write-Key", writeKey).timeout(Duration.ofSeconds(uploadTimeoutS))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(csv)).build(),
                HttpResponse.BodyHandlers.ofString());
        long t202 = System.nanoTime();
        Cpu.Reading cpu202 = cpuNow();
        if (posted.statusCode() != 202) {
            channel.close();
            throw new IllegalStateException("POST /api/v1/uploads answered HTTP " + posted.statusCode() + " " + posted.body());
        }
        JsonNode accepted = WsConnection.JSON.readTree(posted.body());
        String id = accepted.path("upload_id").asText();
        long totalRows = accepted.path("total_rows").asLong(-1);
        long size = accepted.path("size_bytes").asLong(-1);
        Files.writeString(out.resolve("upload-202.json"), posted.body() + "\n");
        log("upload %s: 202 after %.2fs: %s", id, (t202 - tPost) / 1e9, posted.body());
        if (totalRows != rows) {
            notes.add("CHECK FAILED: the 202 counted total_rows=" + totalRows + ", the file has " + rows);
        }

        Poller poller = new Poller(id);
        poller.start();
        Frontier frontier = new Frontier(id, poller);
        frontier.start();
        long deadline = t202 + TimeUnit.SECONDS.toNanos(uploadTimeoutS);
        long nextLog = t202 + TimeUnit.SECONDS.toNanos(windowS);
        Sample lastLogged = new Sample(t202, "queued", 0, 0, 0, cpu202.beacon(), "");
        Channel.Event pushed;
        Sample polledEnd = null;
        long polledEndSeen = 0;
        while (true) {
            pushed = channel.terminal(id);
            if (pushed != null) {
                break;
            }
            Sample last = poller.last();
            long now = System.nanoTime();
            if (last != null && terminal(last.status)) {
                if (polledEnd == null) {
                    polledEnd = last;
                    polledEndSeen = now;
                } else if (now - polledEndSeen > TimeUnit.SECONDS.toNanos(10)) {
                    notes.add("the channel pushed no terminal status_update within 10 s of the poll seeing " + last.status
                            + "; completion taken from the poll");
                    break;
                }
            }
            if (now > deadline) {
                frontier.stop();
                poller.stop();
                channel.close();
                throw new IllegalStateException("upload " + id + " not finished after " + uploadTimeoutS + " s; last poll " + last);
            }
            if (now >= nextLog && last != null && last.nanos > lastLogged.nanos) {
                double seconds = (last.nanos - lastLogged.nanos) / 1e9;
                log("upload t=%.0fs status=%s rows_processed=%d/%d (%.1f rows/s since the last line), read model %d rows, "
                                + "beacon %.2f cores", (now - t202) / 1e9, last.status, last.processed, rows,
                        (last.processed - lastLogged.processed) / seconds, frontier.visible(),
                        (last.beaconCpu - lastLogged.beaconCpu) / seconds);
                lastLogged = last;
                nextLog += TimeUnit.SECONDS.toNanos(windowS);
            }
            Thread.sleep(20);
        }
        long tDone = pushed != null ? pushed.nanos() : polledEnd.nanos;
        String doneSource = pushed != null ? "channel status_update" : "poll";
        Cpu.Reading cpuDone = cpuNow();
        // At once: completed should mean every created record can be read.
        LastRows lastRows = lastRows(id, tDone);
        log("completed → last rows: %d of rows %d-%d not found at first (pass of %.2fs), all found %.2fs after completed",
                lastRows.missingAtFirst, lastRows.from, lastRows.to, lastRows.firstPassS, lastRows.allFoundAfterS);
        // Until the read model of uploads (REST) shows the end too, at most 30 s more.
        long pollUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < pollUntil && (poller.last() == null || !terminal(poller.last().status))) {
            Thread.sleep(50);
        }
        poller.stop();
        Sample firstTerminal = poller.firstTerminal();
        double pollLag = firstTerminal == null ? Double.NaN : (firstTerminal.nanos - tDone) / 1e9;

        JsonNode fin = get("/api/v1/uploads/" + id);
        Files.writeString(out.resolve("upload-final.json"), fin.toPrettyString() + "\n");
        String status = fin.path("status").asText();
        long processed = fin.path("rows_processed").asLong(-1);
        long created = fin.path("rows_created").asLong(-1);
        long failed = fin.path("rows_failed").asLong(-1);
        String reason = fin.path("failure_reason").isNull() ? null : fin.path("failure_reason").asText();
        double serverS = Double.NaN;
        try {
            serverS = Duration.between(Instant.parse(fin.path("created_at").asText()),
                    Instant.parse(fin.path("finished_at").asText())).toNanos() / 1e9;
        } catch (RuntimeException e) {
            notes.add("created_at/finished_at not readable: " + fin.path("created_at") + " / " + fin.path("finished_at"));
        }
        if (!"completed".equals(status)) {
            notes.add("CHECK FAILED: upload status " + status + (reason == null ? "" : " (" + reason + ")"));
        }
        if (created != rows || failed != 0 || processed != rows) {
            notes.add("CHECK FAILED: rows_created=" + created + " rows_failed=" + failed + " rows_processed=" + processed
                    + ", expected " + rows + "/0/" + rows + (fin.path("errors").size() > 0 ? "; first errors " + fin.path("errors") : ""));
        }
        Channel.Event processing = channel.first(id, "status_update", "processing");
        double toProcessing = processing == null ? Double.NaN : (processing.nanos() - t202) / 1e9;
        if (pushed != null && pushed.data().has("rows_created") && pushed.data().path("rows_created").asLong() != created) {
            notes.add("the completed push says rows_created=" + pushed.data().path("rows_created") + ", the upload " + created);
        }
        String channelProblems = channel.problems();
        if (!channelProblems.isEmpty()) {
            notes.add("channel: " + channelProblems);
        }
        channel.write(out.resolve("upload-pushes.jsonl"), tPost);
        channel.close();
        log("upload %s: %s after %.1fs (202 + %.1fs), rows_created=%d rows_failed=%d; server created_at→finished_at %.1fs; "
                        + "read model %d rows", id, status, (tDone - tPost) / 1e9, (tDone - t202) / 1e9, created, failed, serverS,
                frontier.visible());

        // The read model: its frontier until it holds every created row.
        long target = Math.max(0, created);
        frontier.finish(target);
        long visibleDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(readModelWaitS);
        long nextCatchUpLog = System.nanoTime() + TimeUnit.SECONDS.toNanos(windowS);
        while (frontier.reachedAt() == 0 && System.nanoTime() < visibleDeadline) {
            Thread.sleep(50);
            if (System.nanoTime() >= nextCatchUpLog) {
                log("read model catching up: %d of %d rows", frontier.visible(), target);
                nextCatchUpLog += TimeUnit.SECONDS.toNanos(windowS);
            }
        }
        frontier.stop();
        long tVisible = frontier.reachedAt();
        List<Point> visiblePoints = frontier.points();
        if (tVisible == 0) {
            notes.add("CHECK FAILED: the read model held " + frontier.visible() + " of " + target + " rows "
                    + readModelWaitS + " s after completed");
        }
        Point lastVisible = visiblePoints.isEmpty() ? new Point(tDone, 0, cpuDone.beacon()) : visiblePoints.get(visiblePoints.size() - 1);
        long tEnd = tVisible != 0 ? tVisible : lastVisible.nanos;
        if (lastRows.missingAtFirst == 0) {
            // Every one of the last rows was found at once: the read model held every row at completed (rows become
            // visible in order to within a batch), whatever the frontier's next step says.
            tEnd = tDone;
        } else if (!Double.isNaN(lastRows.allFoundAfterS)) {
            tEnd = Math.min(tEnd, tDone + (long) (lastRows.allFoundAfterS * 1e9));
        }
        Cpu.Reading cpuVisible = cpuNow();
        log("read model: every row visible %.1fs after completed", (tEnd - tDone) / 1e9);

        // The windows: rows processed from the polls, rows in the read model from the frontier.
        List<Point> processedPoints = new ArrayList<>();
        processedPoints.add(new Point(t202, 0, cpu202.beacon()));
        for (Sample s : poller.samples()) {
            if (s.nanos < tDone && s.processed >= 0) {
                processedPoints.add(s.point());
            }
        }
        processedPoints.add(new Point(tDone, Math.max(0, processed), cpuDone.beacon()));
        List<Point> readPoints = new ArrayList<>();
        readPoints.add(new Point(t202, 0, cpu202.beacon()));
        readPoints.addAll(visiblePoints);
        List<Window> uploadWindows = windows(processedPoints, t202, windowS);
        List<Window> readWindows = windows(readPoints, t202, windowS);
        List<Window> uploadMinutes = windows(processedPoints, t202, 60);
        // rows_processed moves by whole progress records (a batch of rows, or more): the most frequent step seen.
        Map<Long, Integer> steps = new TreeMap<>();
        for (int i = 1; i < processedPoints.size(); i++) {
            long d = processedPoints.get(i).value - processedPoints.get(i - 1).value;
            if (d > 0) {
                steps.merge(d, 1, Integer::sum);
            }
        }
        long step = steps.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(Long.MAX_VALUE);
        writePolls(poller.samples(), tPost, t202);
        writePoints(out.resolve("upload-read-model.csv"), "t_202_s,rows_visible,beacon_cpu_s", visiblePoints, t202);
        writeWindows(uploadWindows, readWindows);

        String readModel = readBack(id);
        String count = countCompanies(baselineCreated.get() + created);
        log("read model: %s; %s", readModel, count);
        double heap = beacon.heapMb(pid, true);
        return new Upload(id, size, totalRows, (t202 - tPost) / 1e9, toProcessing, (tDone - t202) / 1e9, doneSource,
                pollLag, lastRows, (tEnd - tDone) / 1e9, status, processed, created, failed, serverS, Cpu.between(cpuPost, cpu202),
                Cpu.between(cpu202, cpuDone), Cpu.between(cpuDone, cpuVisible), uploadWindows, readWindows, uploadMinutes,
                step == Long.MAX_VALUE ? 0 : step, readModel, count, heap);
    }

    private static boolean terminal(String status) {
        return "completed".equals(status) || "failed".equals(status);
    }

    /**
     * Per nominal window of {@code window-s} from the 202: the rate between the last readings at or before its bounds
     * (so a window's rate is over measured times, not assumed ones), Beacon's cores between the same readings. The
     * last window ends at the last reading and is partial.
     */
    private static List<Window> windows(List<Point> points, long t202, int windowS) {
        List<Window> windows = new ArrayList<>();
        if (points.size() < 2) {
            return windows;
        }
        long end = points.get(points.size() - 1).nanos;
        long windowNanos = TimeUnit.SECONDS.toNanos(windowS);
        Point previous = points.get(0);
        int p = 0;
        for (int k = 0; t202 + k * windowNanos < end; k++) {
            long bound = t202 + (k + 1) * windowNanos;
            while (p + 1 < points.size() && points.get(p + 1).nanos <= bound) {
                p++;
            }
            Point at = points.get(p);
            boolean partial = bound >= end;
            if (at.nanos > previous.nanos) {
                double seconds = (at.nanos - previous.nanos) / 1e9;
                windows.add(new Window(k * (double) windowS, partial ? (end - t202) / 1e9 : (k + 1) * (double) windowS,
                        (at.value - previous.value) / seconds, (at.beaconCpu - previous.beaconCpu) / seconds, partial));
                previous = at;
            } else {
                windows.add(new Window(k * (double) windowS, (k + 1) * (double) windowS, Double.NaN, Double.NaN, partial));
            }
        }
        return windows;
    }

    /**
     * {@code get_company} for each of the last {@code check-last} rows, over 4 fresh connections (at most 32 requests
     * outstanding on each), as soon as completed was seen; the missing ones again every 200 ms until all are found
     * (at most 60 s).
     */
    private LastRows lastRows(String uploadId, long tDone) throws Exception {
        long from = Math.max(1, rows - checkLast + 1);
        Set<Long> missing = new LinkedHashSet<>();
        for (long r = from; r <= rows; r++) {
            missing.add(r);
        }
        List<WsConnection> connections = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            connections.add(WsConnection.open(wsHttp, BenchArgs.companiesWsUrl(baseUrl), adminToken, "last-rows-" + i));
        }
        Map<String, Long> other = new TreeMap<>();
        int missingAtFirst = -1;
        double firstPass = Double.NaN;
        long allFound = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try {
            while (!missing.isEmpty() && System.nanoTime() < deadline) {
                long p0 = System.nanoTime();
                List<Long> ask = new ArrayList<>(missing);
                for (int at = 0; at < ask.size(); at += 32 * connections.size()) {
                    Map<Long, CompletableFuture<WsConnection.Answer>> asked = new LinkedHashMap<>();
                    for (int i = at; i < Math.min(ask.size(), at + 32 * connections.size()); i++) {
                        long row = ask.get(i);
                        asked.put(row, connections.get(i % connections.size()).request("get_company",
                                WsConnection.JSON.createObjectNode().put("company_uuid", rowEntityId(uploadId, row))));
                    }
                    for (Map.Entry<Long, CompletableFuture<WsConnection.Answer>> e : asked.entrySet()) {
                        WsConnection.Answer answer = e.getValue().get(60, TimeUnit.SECONDS);
                        if (answer.ok()) {
                            missing.remove(e.getKey());
                        } else if (!"not_found".equals(answer.errorCode())) {
                            other.merge(answer.errorCode(), 1L, Long::sum);
                        }
                    }
                }
                if (missingAtFirst < 0) {
                    missingAtFirst = missing.size();
                    firstPass = (System.nanoTime() - p0) / 1e9;
                    if (!missing.isEmpty()) {
                        notes.add("NOT READABLE AT COMPLETED: " + missing.size() + " of the last " + (rows - from + 1)
                                + " rows' companies were not found by get_company right after completed, e.g. rows "
                                + missing.stream().limit(10).toList());
                    }
                }
                if (missing.isEmpty()) {
                    allFound = System.nanoTime();
                } else {
                    Thread.sleep(200);
                }
            }
        } finally {
            connections.forEach(WsConnection::close);
        }
        if (!other.isEmpty()) {
            notes.add("last rows check: get_company answers other than found/not_found: " + other);
        }
        if (!missing.isEmpty()) {
            notes.add("CHECK FAILED: " + missing.size() + " of the last rows still not found 60 s after completed");
        }
        return new LastRows(from, rows, missingAtFirst, firstPass, allFound == 0 ? Double.NaN : (allFound - tDone) / 1e9, other);
    }

    /** Reads back {@code sample-rows} of the upload's companies (first, last, the rest random): all there, with their names. */
    private String readBack(String uploadId) throws Exception {
        Map<Long, String> expected = new LinkedHashMap<>();
        Random random = new Random(rows);
        expected.put(1L, company("ub", 1).name());
        expected.put((long) rows, company("ub", rows).name());
        while (expected.size() < Math.min(sampleRows, rows)) {
            long row = 1 + random.nextInt(rows);
            expected.putIfAbsent(row, company("ub", row).name());
        }
        adminToken = beacon.loginAdmin(email, password);
        Set<Long> missing = new LinkedHashSet<>(expected.keySet());
        List<String> wrong = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (WsConnection reader = WsConnection.open(wsHttp, BenchArgs.companiesWsUrl(baseUrl), adminToken, "reader")) {
            while (!missing.isEmpty() && System.nanoTime() < deadline) {
                Map<Long, CompletableFuture<WsConnection.Answer>> asked = new LinkedHashMap<>();
                for (long row : missing) {
                    asked.put(row, reader.request("get_company", WsConnection.JSON.createObjectNode()
                            .put("company_uuid", rowEntityId(uploadId, row))));
                }
                for (Map.Entry<Long, CompletableFuture<WsConnection.Answer>> e : asked.entrySet()) {
                    WsConnection.Answer answer = e.getValue().get(60, TimeUnit.SECONDS);
                    if (answer.ok()) {
                        missing.remove(e.getKey());
                        String name = answer.data().path("name").asText();
                        if (!expected.get(e.getKey()).equals(name)) {
                            wrong.add("row " + e.getKey() + ": name " + name);
                        }
                    }
                }
                if (!missing.isEmpty()) {
                    Thread.sleep(1000);
                }
            }
        }
        if (!wrong.isEmpty()) {
            notes.add("CHECK FAILED: read model fields differ from the CSV: " + wrong);
        }
        if (!missing.isEmpty()) {
            notes.add("CHECK FAILED: " + missing.size() + " of " + expected.size() + " sampled rows not in the read model, e.g. row "
                    + missing.iterator().next());
            return String.format(Locale.ROOT, "%d of %d sampled rows found, NOT all", expected.size() - missing.size(), expected.size());
        }
        return String.format(Locale.ROOT, "%d sampled rows (first, last, random) found by get_company with their names%s",
                expected.size(), wrong.isEmpty() ? "" : " EXCEPT " + wrong.size());
    }

    /** {@code count_companies} (no filter) until it reaches {@code expected} (at most 60 s). */
    private String countCompanies(long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long count = -1;
        double took = Double.NaN;
        try (WsConnection reader = WsConnection.open(wsHttp, BenchArgs.companiesWsUrl(baseUrl), adminToken, "counter")) {
            while (System.nanoTime() < deadline) {
                long c0 = System.nanoTime();
                WsConnection.Answer answer = reader.request("count_companies", WsConnection.JSON.createObjectNode())
                        .get(120, TimeUnit.SECONDS);
                took = (System.nanoTime() - c0) / 1e9;
                if (!answer.ok()) {
                    return "count_companies failed: " + answer.root();
                }
                JsonNode data = answer.data();
                count = data.isNumber() ? data.asLong() : data.path("count").asLong(data.path("total").asLong(-1));
                if (count >= expected) {
                    break;
                }
                Thread.sleep(1000);
            }
        }
        if (count != expected) {
            notes.add("CHECK: count_companies=" + count + ", expected " + expected + " (baseline creates + rows_created)");
        }
        return String.format(Locale.ROOT, "count_companies=%d (expected %d: baseline creates + rows_created; took %.1fs)",
                count, expected, took);
    }

    /** The id Beacon gives the record of row {@code row} of an upload without a {@code uuid} column (UploadId.rowEntityId). */
    static String rowEntityId(String uploadId, long row) {
        return UUID.nameUUIDFromBytes(("beacon-upload:" + uploadId + ":" + row).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Authorization", "Bearer " + adminToken).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 401 && attempt == 0) {
                adminToken = beacon.loginAdmin(email, password);
                continue;
            }
            if (r.statusCode() != 200) {
                throw new IOException("GET " + path + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return WsConnection.JSON.readTree(r.body());
        }
    }

    private static ScheduledExecutorService timer(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** {@code GET /api/v1/uploads/{id}} every {@code poll-ms} (fixed rate), each sample with Beacon's CPU seconds. */
    private final class Poller {
        private final String id;
        private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        private final ScheduledExecutorService timer = timer("upload-poller");
        private final LongAdder failures = new LongAdder();
        private volatile Sample last;
        private volatile Sample firstTerminal;

        Poller(String id) {
            this.id = id;
        }

        void start() {
            timer.scheduleAtFixedRate(this::poll, 0, pollMs, TimeUnit.MILLISECONDS);
        }

        private void poll() {
            try {
                JsonNode u = get("/api/v1/uploads/" + id);
                long now = System.nanoTime();
                Sample s = new Sample(now, u.path("status").asText(), u.path("rows_processed").asLong(-1),
                        u.path("rows_created").asLong(-1), u.path("rows_failed").asLong(-1), beaconCpu(),
                        u.path("updated_at").asText());
                samples.add(s);
                last = s;
                if (firstTerminal == null && terminal(s.status)) {
                    firstTerminal = s;
                }
            } catch (IOException e) {
                failures.increment();
                if (failures.sum() <= 5) {
                    System.err.println("WARN poll: " + e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failures.increment();
                System.err.println("WARN poll: " + e);
            }
        }

        Sample last() {
            return last;
        }

        Sample firstTerminal() {
            return firstTerminal;
        }

        List<Sample> samples() {
            synchronized (samples) {
                return new ArrayList<>(samples);
            }
        }

        void stop() throws InterruptedException {
            timer.shutdownNow();
            timer.awaitTermination(30, TimeUnit.SECONDS);
            if (failures.sum() > 0) {
                notes.add("polls that failed: " + failures.sum() + " (of " + (samples.size() + failures.sum()) + ")");
            }
        }
    }

    /**
     * The read model's frontier: every {@code poll-ms} (fixed delay), the highest row whose company
     * {@code get_company} finds, searched by bisection between the last frontier and the rows processed (the last
     * poll's, or all once finished), at most {@value #FRONTIER_PROBES} requests a step. The worker handles rows
     * in batches, a batch after the previous one, and the projection follows the event store's order, so rows
     * become visible in order to within a batch; the frontier is that good.
     */
    private final class Frontier {
        private final String id;
        private final Poller poller;
        private final List<Point> points = Collections.synchronizedList(new ArrayList<>());
        private final ScheduledExecutorService timer = timer("read-model-frontier");
        private final Map<String, LongAdder> misses = new ConcurrentHashMap<>();
        private WsConnection reader;
        private volatile long visible;
        private volatile long target = -1;
        private volatile long reachedAt;

        Frontier(String id, Poller poller) {
            this.id = id;
            this.poller = poller;
        }

        void start() {
            reader = WsConnection.open(wsHttp, BenchArgs.companiesWsUrl(baseUrl), adminToken, "frontier");
            timer.scheduleWithFixedDelay(this::step, pollMs, pollMs, TimeUnit.MILLISECONDS);
        }

        /** From now on the frontier looks for {@code rows}, the upload's final count. */
        void finish(long rows) {
            target = rows;
            if (visible >= rows && reachedAt == 0) {
                reachedAt = System.nanoTime();
            }
        }

        long visible() {
            return visible;
        }

        /** When the frontier reached the final count (System.nanoTime), 0 until then. */
        long reachedAt() {
            return reachedAt;
        }

        List<Point> points() {
            synchronized (points) {
                return new ArrayList<>(points);
            }
        }

        private void step() {
            try {
                long goal = target >= 0 ? target : poller.last() == null ? 0 : Math.max(0, poller.last().processed);
                long lo = visible;
                if (goal > lo) {
                    long hi = goal;
                    if (found(hi)) {
                        lo = hi;
                    } else {
                        for (int probes = 1; hi - lo > 1 && probes < FRONTIER_PROBES; probes++) {
                            long mid = (lo + hi) >>> 1;
                            if (found(mid)) {
                                lo = mid;
                            } else {
                                hi = mid;
                            }
                        }
                    }
                }
                long now = System.nanoTime();
                visible = lo;
                points.add(new Point(now, lo, beaconCpu()));
                if (target >= 0 && lo >= target && reachedAt == 0) {
                    reachedAt = now;
                }
            } catch (Exception e) {
                misses.computeIfAbsent("exception:" + e.getClass().getSimpleName(), k -> new LongAdder()).increment();
            }
        }

        private boolean found(long row) throws Exception {
            if (!reader.isOpen()) {
                reader = WsConnection.open(wsHttp, BenchArgs.companiesWsUrl(baseUrl), adminToken, "frontier-r" + row);
            }
            WsConnection.Answer answer = reader.request("get_company", WsConnection.JSON.createObjectNode()
                    .put("company_uuid", rowEntityId(id, row))).get(30, TimeUnit.SECONDS);
            if (!answer.ok() && !"not_found".equals(answer.errorCode())) {
                misses.computeIfAbsent(answer.errorCode(), k -> new LongAdder()).increment();
            }
            return answer.ok();
        }

        void stop() throws InterruptedException {
            timer.shutdownNow();
            timer.awaitTermination(60, TimeUnit.SECONDS);
            if (reader != null) {
                reader.close();
            }
            if (!misses.isEmpty()) {
                Map<String, Long> counts = new TreeMap<>();
                misses.forEach((k, v) -> counts.put(k, v.sum()));
                notes.add("read-model frontier: get_company answers other than found/not_found: " + counts);
            }
        }
    }

    /**
     * One connection to {@code /api/v1/ws} subscribed to {@code uploads}: every upload event recorded with its
     * receipt time (System.nanoTime, taken first in the listener).
     */
    private static final class Channel implements WebSocket.Listener {

        record Event(long nanos, String type, JsonNode data, String text) {
        }

        private final CompletableFuture<Void> connected = new CompletableFuture<>();
        private final CompletableFuture<JsonNode> subscribed = new CompletableFuture<>();
        private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, Event> terminals = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> problems = new ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile WebSocket socket;
        private volatile String closedBy;

        static Channel open(HttpClient http, String baseUrl, String token) throws Exception {
            Channel channel = new Channel();
            URI uri = URI.create(baseUrl.replaceFirst("^http", "ws") + "/api/v1/ws?token="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8));
            channel.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, channel)
                    .get(20, TimeUnit.SECONDS);
            channel.connected.get(20, TimeUnit.SECONDS);
            channel.socket.sendText("{\"type\":\"subscribe\",\"data\":{\"channels\":[\"uploads\"]},\"request_id\":\"r1\"}", true);
            JsonNode answer = channel.subscribed.get(20, TimeUnit.SECONDS);
            if (!"subscribed".equals(answer.path("type").asText())) {
                throw new IllegalStateException("subscribe to uploads answered " + answer);
            }
            return channel;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            partial.append(data);
            if (!last) {
                return null;
            }
            String text = partial.toString();
            partial.setLength(0);
            JsonNode root;
            try {
                root = WsConnection.JSON.readTree(text);
            } catch (IOException e) {
                problem("unparsable");
                return null;
            }
            String type = root.path("type").asText();
            if ("r1".equals(root.path("request_id").asText(null))) {
                subscribed.complete(root);
                return null;
            }
            switch (type) {
                case "connected" -> connected.complete(null);
                case "status_update", "upload_progress", "new_records" -> {
                    Event event = new Event(now, type, root.path("data"), text);
                    events.add(event);
                    String status = root.path("data").path("status").asText();
                    if ("status_update".equals(type) && UploadBench.terminal(status)) {
                        terminals.putIfAbsent(root.path("data").path("upload_id").asText(), event);
                    }
                }
                case "error" -> problem("error:" + root.path("data").path("error_code").asText());
                case "disconnecting" -> problem("disconnecting:" + root.path("data").path("reason").asText());
                default -> problem("unexpected:" + type);
            }
            return null;
        }

        Event terminal(String uploadId) {
            return terminals.get(uploadId);
        }

        /** The first event of the upload of this type (and status, if given). */
        Event first(String uploadId, String type, String status) {
            synchronized (events) {
                for (Event e : events) {
                    if (e.type.equals(type) && uploadId.equals(e.data.path("upload_id").asText())
                            && (status == null || status.equals(e.data.path("status").asText()))) {
                        return e;
                    }
                }
            }
            return null;
        }

        private void problem(String what) {
            problems.computeIfAbsent(what, k -> new LongAdder()).increment();
        }

        String problems() {
            Map<String, Long> counts = new TreeMap<>();
            problems.forEach((k, v) -> counts.put(k, v.sum()));
            String closed = closedBy;
            return (counts.isEmpty() ? "" : counts.toString()) + (closed == null ? "" : " closed: " + closed);
        }

        void write(Path file, long tPost) throws IOException {
            List<String> lines = new ArrayList<>();
            synchronized (events) {
                for (Event e : events) {
                    lines.add(String.format(Locale.ROOT, "{\"t_post_s\":%.3f,\"message\":%s}", (e.nanos - tPost) / 1e9, e.text));
                }
            }
            Files.write(file, lines);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed(error.toString());
        }

        private void closed(String why) {
            if (closedBy == null) {
                closedBy = why;
            }
            IllegalStateException e = new IllegalStateException("channel closed: " + why);
            connected.completeExceptionally(e);
            subscribed.completeExceptionally(e);
        }

        void close() {
            WebSocket ws = socket;
            if (ws != null && closedBy == null) {
                closedBy = "closed by client";
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").whenComplete((x, f) -> ws.abort());
            }
        }
    }

    // ------------------------------------------------------------------ the file

    /** A company of the generator, named {@code <kind>-<run tag>-<index> <generated name>} (unique in the run). */
    private CompanyData.Company company(String kind, long index) {
        CompanyData.Company c = companies.make(index);
        return new CompanyData.Company(kind + "-" + tag + "-" + index + " " + c.name(), c.employees(), c.revenue(),
                c.funding(), c.industries(), c.keywords(), c.technologies(), c.address(), c.city(), c.state(),
                c.country(), c.phone(), c.website(), c.linkedin());
    }

    /** The upload: a header row of API field names, then row {@code r} = company("ub", r); lists joined by {@code ;}. */
    private byte[] csv() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rows * 320);
        StringBuilder line = new StringBuilder(512);
        line.append(String.join(",", CSV_COLUMNS)).append('\n');
        for (long r = 1; r <= rows; r++) {
            CompanyData.Company c = company("ub", r);
            cell(line, c.name()).append(',');
            cell(line, String.valueOf(c.employees())).append(',');
            cell(line, c.revenue() == null ? null : String.valueOf(c.revenue())).append(',');
            cell(line, c.funding() == null ? null : String.valueOf(c.funding())).append(',');
            cell(line, String.join(";", c.industries())).append(',');
            cell(line, String.join(";", c.keywords())).append(',');
            cell(line, String.join(";", c.technologies())).append(',');
            cell(line, c.address()).append(',');
            cell(line, c.city()).append(',');
            cell(line, c.state()).append(',');
            cell(line, c.country()).append(',');
            cell(line, c.phone()).append(',');
            cell(line, c.website()).append(',');
            cell(line, c.linkedin()).append('\n');
            byte[] b = line.toString().getBytes(StandardCharsets.UTF_8);
            bytes.write(b, 0, b.length);
            line.setLength(0);
        }
        return bytes.toByteArray();
    }

    /** RFC 4180: quoted when it holds a comma, a quote or a line break; null is an empty cell. */
    private static StringBuilder cell(StringBuilder line, String value) {
        if (value == null || value.isEmpty()) {
            return line;
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return line.append(value);
        }
        return line.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    private void writeHead(byte[] csv) throws IOException {
        if (keepCsv) {
            Files.write(out.resolve("upload.csv"), csv);
            return;
        }
        int end = 0;
        for (int lines = 0; end < csv.length && lines < 11; end++) {
            if (csv[end] == '\n') {
                lines++;
            }
        }
        Files.write(out.resolve("upload-head.csv"), Arrays.copyOf(csv, end));
    }

    private void writePolls(List<Sample> samples, long tPost, long t202) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("t_post_s,t_202_s,status,rows_processed,rows_created,rows_failed,beacon_cpu_s,updated_at");
        for (Sample s : samples) {
            lines.add(String.format(Locale.ROOT, "%.3f,%.3f,%s,%d,%d,%d,%.2f,%s", (s.nanos - tPost) / 1e9,
                    (s.nanos - t202) / 1e9, s.status, s.processed, s.created, s.failed, s.beaconCpu, s.updatedAt));
        }
        Files.write(out.resolve("upload-polls.csv"), lines);
    }

    private static void writePoints(Path file, String header, List<Point> points, long t202) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(header);
        for (Point p : points) {
            lines.add(String.format(Locale.ROOT, "%.3f,%d,%.2f", (p.nanos - t202) / 1e9, p.value, p.beaconCpu));
        }
        Files.write(file, lines);
    }

    private void writeWindows(List<Window> upload, List<Window> readModel) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("from_202_s,to_202_s,upload_rows_per_s,upload_beacon_cores,upload_partial,read_model_rows_per_s,"
                + "read_model_beacon_cores,read_model_partial");
        for (int k = 0; k < Math.max(upload.size(), readModel.size()); k++) {
            Window u = k < upload.size() ? upload.get(k) : null;
            Window r = k < readModel.size() ? readModel.get(k) : null;
            Window any = u != null ? u : r;
            lines.add(String.format(Locale.ROOT, "%.2f,%.2f,%s,%s,%s,%s,%s,%s", any.fromS, Math.max(u == null ? 0 : u.toS,
                            r == null ? 0 : r.toS), u == null ? "" : num(u.rate, 1), u == null ? "" : num(u.cores, 2),
                    u == null ? "" : u.partial, r == null ? "" : num(r.rate, 1), r == null ? "" : num(r.cores, 2),
                    r == null ? "" : r.partial));
        }
        Files.write(out.resolve("upload-windows.csv"), lines);
    }

    // ------------------------------------------------------------------ the summary

    private void report(Baseline before, Upload u, Baseline after, double heapEnd) {
        double baselineRate = after == null ? before.rate : (before.rate + after.rate) / 2;
        String baselineName = after == null ? "baseline-1" : String.format(Locale.ROOT,
                "mean of baseline-1 %.1f and baseline-2 %.1f", before.rate, after.rate);
        double rate202 = u.created / u.acceptedToDoneS;
        double ratePost = u.created / u.postToDoneS();
        double rateVisible = u.created / u.postToVisibleS();
        String fmt = "%-36s %-22s %s";
        table.add(String.format(Locale.ROOT, fmt, "measurement", "value", "detail"));
        table.add("-".repeat(140));
        for (Baseline b : after == null ? List.of(before) : List.of(before, after)) {
            table.add(String.format(Locale.ROOT, fmt, b.name + " create_company", String.format(Locale.ROOT, "%.1f companies/s", b.rate),
                    String.format(Locale.ROOT, "%d answers in %.0fs; answer latency p50 %.1f ms p99 %.1f ms max %.0f ms; errors %d%s; "
                                    + "%d writers, <= %d in flight, after %ds warm-up", b.answered, b.seconds, b.latencyMs[0],
                            b.latencyMs[1], b.latencyMs[2], b.errorCount(), b.errors.isEmpty() ? "" : " " + b.errors,
                            writers, inFlight, b.warmupS)));
            table.add(String.format(Locale.ROOT, fmt, "", "", String.format(Locale.ROOT,
                    "%s (%s creates per Beacon CPU-second); Beacon heap after GC %.0f MB", b.cpu, num(b.rate / b.cpu.beacon, 0),
                    b.heapMb)));
        }
        table.add(String.format(Locale.ROOT, fmt, "upload POST → 202 (store + count)", String.format(Locale.ROOT, "%.2f s", u.toAcceptedS),
                String.format(Locale.ROOT, "%d rows, %.1f MB (%.1f MB/s); %s", u.totalRows, u.sizeBytes / 1e6,
                        u.sizeBytes / 1e6 / u.toAcceptedS, u.receiveCpu)));
        table.add(String.format(Locale.ROOT, fmt, "upload 202 → processing", String.format(Locale.ROOT, "%.2f s", u.acceptedToProcessingS),
                "the status_update processing pushed: the worker took the upload up"));
        table.add(String.format(Locale.ROOT, fmt, "upload 202 → completed", String.format(Locale.ROOT, "%.1f s", u.acceptedToDoneS),
                String.format(Locale.ROOT, "from the %s; the poll saw it %.2f s later; server created_at → finished_at %.1f s",
                        u.doneSource, u.pollDoneLagS, u.serverS)));
        table.add(String.format(Locale.ROOT, fmt, "upload rows/s (202 → completed)", String.format(Locale.ROOT, "%.1f rows/s", rate202),
                String.format(Locale.ROOT, "%s (%s rows per Beacon CPU-second)", u.processCpu, num(rate202 / u.processCpu.beacon, 0))));
        table.add(String.format(Locale.ROOT, fmt, "upload rows/s (POST → completed)", String.format(Locale.ROOT, "%.1f rows/s", ratePost),
                String.format(Locale.ROOT, "%.1f s in all", u.postToDoneS())));
        table.add(String.format(Locale.ROOT, fmt, "upload result", u.status,
                String.format(Locale.ROOT, "rows_processed=%d rows_created=%d rows_failed=%d (expected %d/%d/0): %s", u.processed,
                        u.created, u.failed, rows, rows, u.created == rows && u.failed == 0 && u.processed == rows ? "OK" : "MISMATCH")));
        LastRows last = u.lastRows;
        table.add(String.format(Locale.ROOT, fmt, "completed → last rows readable", last.missingAtFirst == 0 ? "OK"
                        : String.format(Locale.ROOT, "%d NOT FOUND", last.missingAtFirst),
                String.format(Locale.ROOT, "get_company for rows %d-%d right after completed: %d not found in the first pass "
                        + "(%.2f s); all found %.2f s after completed", last.from, last.to, last.missingAtFirst, last.firstPassS,
                        last.allFoundAfterS)));
        table.add(String.format(Locale.ROOT, fmt, "read model: completed → every row", String.format(Locale.ROOT, "%.1f s", u.doneToVisibleS),
                u.lastRows.missingAtFirst == 0 ? "the read model held every row at completed (all the last rows found at once)"
                        : String.format(Locale.ROOT, "when the frontier (every %d ms) or the last rows' check found the last of "
                        + "them; meanwhile %s", pollMs, u.catchUpCpu)));
        table.add(String.format(Locale.ROOT, fmt, "upload rows/s (POST → in read model)", String.format(Locale.ROOT, "%.1f rows/s", rateVisible),
                String.format(Locale.ROOT, "%.1f s in all: what a client waiting for the read model sees, as create_company does",
                        u.postToVisibleS())));
        table.add(String.format(Locale.ROOT, fmt, "read model checks", "", u.readModel + "; " + u.count));
        table.add(String.format(Locale.ROOT, fmt, "", "", String.format(Locale.ROOT,
                "Beacon heap after GC after the upload (read model caught up) %.0f MB", u.heapMb)));
        table.add(String.format(Locale.ROOT, fmt, "RATIO upload ÷ create_company", String.format(Locale.ROOT, "%.2f", rate202 / baselineRate),
                String.format(Locale.ROOT, "%.1f rows/s (202 → completed) ÷ %.1f companies/s (%s)", rate202, baselineRate, baselineName)));
        if (after != null) {
            table.add(String.format(Locale.ROOT, fmt, "", "", String.format(Locale.ROOT,
                    "against each: %.2f (baseline-1), %.2f (baseline-2); baseline-2 / baseline-1 = %.2f",
                    rate202 / before.rate, rate202 / after.rate, after.rate / before.rate)));
        }
        table.add(String.format(Locale.ROOT, fmt, "RATIO (POST → completed) ÷ create", String.format(Locale.ROOT, "%.2f", ratePost / baselineRate),
                String.format(Locale.ROOT, "%.1f rows/s ÷ %.1f companies/s", ratePost, baselineRate)));
        table.add(String.format(Locale.ROOT, fmt, "RATIO (POST → read model) ÷ create", String.format(Locale.ROOT, "%.2f", rateVisible / baselineRate),
                String.format(Locale.ROOT, "%.1f rows/s ÷ %.1f companies/s", rateVisible, baselineRate)));
        table.add(String.format(Locale.ROOT, fmt, "Beacon heap after GC at the end", String.format(Locale.ROOT, "%.0f MB", heapEnd),
                "jcmd GC.run, then jvm.memory.used{area=heap}"));

        // The progress curves.
        table.add("");
        table.add(String.format(Locale.ROOT, "progress per %d s window from the 202 (* partial): rows processed (GET every %d ms), "
                + "rows in the read model (frontier), Beacon cores", windowS, pollMs));
        for (int k = 0; k < Math.max(u.uploadWindows.size(), u.readModelWindows.size()); k++) {
            Window w = k < u.uploadWindows.size() ? u.uploadWindows.get(k) : null;
            Window r = k < u.readModelWindows.size() ? u.readModelWindows.get(k) : null;
            Window any = w != null ? w : r;
            table.add(String.format(Locale.ROOT, "  %6.0f-%-6s upload %8s rows/s%s  read model %8s rows/s%s  Beacon %s cores",
                    any.fromS, String.format(Locale.ROOT, "%.0fs", Math.max(w == null ? 0 : w.toS, r == null ? 0 : r.toS)),
                    w == null ? "-" : num(w.rate, 1), w != null && w.partial ? "*" : " ",
                    r == null ? "-" : num(r.rate, 1), r != null && r.partial ? "*" : " ",
                    num(w != null ? w.cores : r.cores, 2)));
        }
        table.add(steadiness(String.format(Locale.ROOT, "%d s windows", windowS), u.uploadWindows));
        table.add(steadiness("60 s windows", u.uploadMinutes));
        if (u.progressStep > 0) {
            table.add(String.format(Locale.ROOT, "  (rows_processed moves by whole progress records, mostly %d rows here: a %d s "
                    + "window at the upload's mean rate holds %.1f of them, so its rate is coarse; the last windows include the "
                    + "wait for the read model to show the last rows)", u.progressStep, windowS, u.created / u.acceptedToDoneS
                    * windowS / u.progressStep));
        }
    }

    /** min/p50/max and cv of the full windows' rates (the last, partial one left out), first half against second half. */
    private static String steadiness(String what, List<Window> windows) {
        List<Window> full = windows.stream().filter(w -> !w.partial && !Double.isNaN(w.rate)).toList();
        if (full.size() < 2) {
            return "  upload steadiness over " + what + ": fewer than 2 full windows";
        }
        double[] rates = full.stream().mapToDouble(Window::rate).sorted().toArray();
        double mean = Arrays.stream(rates).average().orElse(Double.NaN);
        double sd = Math.sqrt(Arrays.stream(rates).map(r -> (r - mean) * (r - mean)).sum() / rates.length);
        int half = full.size() / 2;
        double firstHalf = full.subList(0, half).stream().mapToDouble(Window::rate).average().orElse(Double.NaN);
        double secondHalf = full.subList(half, full.size()).stream().mapToDouble(Window::rate).average().orElse(Double.NaN);
        return String.format(Locale.ROOT, "  upload steadiness over %d full %s: min %.1f p50 %.1f max %.1f rows/s, cv %.2f; "
                        + "first half %.1f, second half %.1f rows/s (ratio %.2f)", full.size(), what, rates[0],
                rates[rates.length / 2], rates[rates.length - 1], sd / mean, firstHalf, secondHalf, secondHalf / firstHalf);
    }

    private static String num(double v, int decimals) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    // ------------------------------------------------------------------ CPU

    /**
     * Cores busy over a span: Beacon (/proc/&lt;pid&gt;/stat), this client (its JVM's process CPU time), and the rest
     * of the machine (/proc/stat's busy time minus both): other processes share these cores.
     */
    private record Cpu(double beacon, double client, double others, double seconds) {

        record Reading(long nanos, double beacon, double client, double machine) {
        }

        static Cpu between(Reading a, Reading b) {
            double s = (b.nanos - a.nanos) / 1e9;
            double beacon = (b.beacon - a.beacon) / s;
            double client = (b.client - a.client) / s;
            return new Cpu(beacon, client, (b.machine - a.machine) / s - beacon - client, s);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "cores busy: Beacon %s, client %s, others %s", num(beacon, 2), num(client, 2),
                    num(others, 2));
        }
    }

    private Cpu.Reading cpuNow() {
        return new Cpu.Reading(System.nanoTime(), beaconCpu(), clientCpu(), machineCpu());
    }

    private static double clientCpu() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    /** Beacon's CPU seconds from /proc/&lt;pid&gt;/stat (utime + stime, 100 ticks/s), NaN if unknown. */
    private double beaconCpu() {
        if (pid <= 0) {
            return Double.NaN;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    /** The machine's busy CPU seconds from /proc/stat (user, nice, system, irq, softirq, steal; 100 ticks/s), NaN if unknown. */
    private static double machineCpu() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = first.trim().split("\\s+");
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
            return busy / 100.0;
        } catch (Exception e) {
            return Double.NaN;
        }
    }
}
