package io.beacon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Issue 8: {@code get_company_history} latency for a company with {@code --events} (1,000) events, against
 * {@code get_company} of the same company on the same connections, interleaved, in the same run.
 *
 * <ol>
 *   <li>Load: one {@code create_company} and {@code events - 1} {@code update_company} (admin + write key), one at a
 *   time on one connection (each answer waits for the read model). Each update changes 1–3 fields: head count,
 *   money, name, a list field (industries, keywords, technologies) with a value added or taken away, address,
 *   metadata (phone, city, website, LinkedIn); so the history's entries have the shapes real edits have.</li>
 *   <li>Checks: the history answers {@code events} events, oldest first, sequences 0..events-1, {@code next_sequence}
 *   null; {@code get_company} answers version {@code events}.</li>
 *   <li>Sequential: one connection, one request at a time: {@code --warmup} rounds unmeasured, then
 *   {@code --requests} rounds, each a {@code get_company_history} and a {@code get_company} (the order alternating
 *   per round). Latency = send → last frame of the answer received.</li>
 *   <li>Concurrent: {@code --concurrency} connections, each doing the same rounds at once ({@code --warmup} then
 *   {@code --requests} each).</li>
 * </ol>
 * Ratio = history ÷ get_company for p50, p95, p99 and the mean. Lines go to stdout and {@code figures.txt}; every
 * measured call to {@code calls.csv} (mode, kind, round, latency µs, answer bytes).
 */
public final class HistoryBench {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String writeKey;
    private final int events;
    private final int warmup;
    private final int requests;
    private final int concurrency;
    private final Random random;
    private final List<String> figures = new ArrayList<>();
    private final StringBuilder calls = new StringBuilder("mode,kind,connection,round,latency_us,bytes\n");
    private String token;
    private String companyUuid;

    private HistoryBench(Map<String, String> a) {
        this.baseUrl = a.get("base-url");
        this.writeKey = a.get("write-key");
        this.events = Integer.parseInt(a.getOrDefault("events", "1000"));
        this.warmup = Integer.parseInt(a.getOrDefault("warmup", "50"));
        this.requests = Integer.parseInt(a.getOrDefault("requests", "200"));
        this.concurrency = Integer.parseInt(a.getOrDefault("concurrency", "4"));
        this.random = new Random(Long.parseLong(a.getOrDefault("seed", "42")));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = BenchArgs.parse(args);
        HistoryBench bench = new HistoryBench(a);
        BeaconHttp beacon = new BeaconHttp(bench.baseUrl);
        bench.token = beacon.loginAdmin(a.get("email"), a.get("password"));
        Path out = Path.of(a.getOrDefault("out-dir", "."));
        int rc;
        try {
            bench.run();
            rc = 0;
        } catch (Exception e) {
            e.printStackTrace();
            bench.figure("FAILED: " + e);
            rc = 1;
        }
        Files.write(out.resolve("figures.txt"), bench.figures, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("calls.csv"), bench.calls, StandardCharsets.UTF_8);
        System.exit(rc);
    }

    private void run() throws Exception {
        try (WsConnection writer = open("load")) {
            load(writer);
            check(writer);
        }
        sequential();
        concurrent();
    }

    // ---- load

    private void load(WsConnection ws) throws Exception {
        CompanyData.Company c = new CompanyData(random.nextLong()).make(1);
        ObjectNode create = CompanyData.createRequest(c, writeKey);
        create.put("name", c.name() + " (history bench)");
        long t0 = System.nanoTime();
        JsonNode created = call(ws, "create_company", create).data();
        companyUuid = created.path("uuid").asText();
        JsonNode state = created;
        long u0 = System.nanoTime();
        int sent = 0;
        while (state.path("version").asLong() < events) {
            long version = state.path("version").asLong();
            ObjectNode update = update(state);
            if (sent > 0 && sent % 7 == 0 || update.isEmpty()) {
                // Now and then, and whenever the draw changed nothing: a change that surely is one.
                update.put("employees_count", state.path("employees_count").asLong(10) + 1);
            }
            update.put("write_key", writeKey);
            update.put("company_uuid", companyUuid);
            update.put("expected_version", version);
            state = call(ws, "update_company", update).data();
            sent++;
            if (state.path("version").asLong() == version) {
                // Every drawn value equalled the current one: no event. Bump the head count instead.
                ObjectNode bump = WsConnection.JSON.createObjectNode().put("write_key", writeKey)
                        .put("company_uuid", companyUuid).put("expected_version", version)
                        .put("employees_count", state.path("employees_count").asLong(10) + 1);
                state = call(ws, "update_company", bump).data();
                sent++;
            }
            if (state.path("version").asLong() % 200 == 0) {
                System.out.printf(Locale.ROOT, "# loaded %d/%d events%n", state.path("version").asLong(), events);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        figure(String.format(Locale.ROOT, "load: company %s, 1 create + %d update_company in %.1f s (%.0f updates/s,"
                        + " each answered once the read model shows it), version %d", companyUuid, sent, seconds,
                sent / ((System.nanoTime() - u0) / 1e9), state.path("version").asLong()));
    }

    /** 1–3 changed fields, computed from the company as it stands. */
    private ObjectNode update(JsonNode company) {
        ObjectNode data = WsConnection.JSON.createObjectNode();
        int wanted = random.nextInt(10) < 6 ? 1 : random.nextInt(3) < 2 ? 2 : 3;
        for (int i = 0; i < wanted; i++) {
            switch (random.nextInt(10)) {
                case 0, 1, 2 -> data.put("employees_count", Math.max(1, company.path("employees_count").asLong(10)
                        + random.nextInt(41) - 20 + (random.nextBoolean() ? 1 : 0)));
                case 3 -> data.put("annual_revenue", 1_000_000L + random.nextInt(900_000_000));
                case 4 -> data.put("name", CompanyData.PREFIXES[random.nextInt(CompanyData.PREFIXES.length)]
                        + " " + company.path("name").asText().substring(company.path("name").asText().indexOf(' ') + 1));
                case 5 -> list(data, company, "industries", new String[]{"Technology", "Software", "Healthcare",
                        "Finance", "Retail", "Manufacturing", "Energy", "Logistics", "Media", "Education"});
                case 6 -> list(data, company, "keywords", new String[]{"saas", "b2b", "b2c", "ai", "cloud", "mobile",
                        "analytics", "security", "payments", "platform", "api", "data"});
                case 7 -> list(data, company, "technologies", new String[]{"Python", "Java", "Go", "React", "AWS",
                        "GCP", "Azure", "Kubernetes", "Docker", "PostgreSQL", "Kafka", "Snowflake"});
                case 8 -> data.putObject("metadata").put("phone_number", String.format(Locale.ROOT, "+1-%03d-%03d-%04d",
                        200 + random.nextInt(800), random.nextInt(1000), random.nextInt(10_000)));
                default -> {
                    ObjectNode metadata = data.has("metadata") ? (ObjectNode) data.get("metadata") : data.putObject("metadata");
                    if (random.nextBoolean()) {
                        metadata.put("city", new String[]{"Austin", "Denver", "Berlin", "London", "Toronto"}[random.nextInt(5)]);
                    } else {
                        metadata.put("website", "https://www.example-" + random.nextInt(100_000) + ".com");
                    }
                }
            }
        }
        return data;
    }

    private void list(ObjectNode data, JsonNode company, String field, String[] pool) {
        List<String> values = new ArrayList<>();
        company.path(field).forEach(v -> values.add(v.asText()));
        if (!values.isEmpty() && (values.size() >= 6 || random.nextInt(10) < 4)) {
            values.remove(random.nextInt(values.size()));
        } else {
            String value = pool[random.nextInt(pool.length)];
            if (!values.contains(value)) {
                values.add(value);
            } else {
                values.remove(value);
            }
        }
        values.forEach(data.putArray(field)::add);
    }

    private void check(WsConnection ws) throws Exception {
        WsConnection.Answer history = call(ws, "get_company_history", historyRequest());
        JsonNode list = history.data().path("events");
        if (list.size() != events) {
            throw new IllegalStateException("get_company_history answered " + list.size() + " events, not " + events);
        }
        for (int i = 0; i < list.size(); i++) {
            long sequence = list.get(i).path("sequence").asLong(-1);
            if (list.get(i).has("sequence") && sequence != i) {
                throw new IllegalStateException("event " + i + " has sequence " + sequence);
            }
        }
        if (!history.data().path("next_sequence").isNull()) {
            throw new IllegalStateException("next_sequence is " + history.data().path("next_sequence"));
        }
        long version = call(ws, "get_company", getRequest()).data().path("version").asLong();
        if (version != events) {
            throw new IllegalStateException("get_company answers version " + version + ", not " + events);
        }
        String sample = list.get(events / 2).toString();
        figure(String.format(Locale.ROOT, "checks: get_company_history answers %d events, oldest first, next_sequence"
                        + " null, %,d bytes; get_company version %d; one entry: %s", list.size(),
                history.root().toString().getBytes(StandardCharsets.UTF_8).length, version,
                sample.length() > 400 ? sample.substring(0, 400) + "…" : sample));
    }

    // ---- measurements

    private void sequential() throws Exception {
        Latencies history = new Latencies();
        Latencies get = new Latencies();
        try (WsConnection ws = open("seq")) {
            rounds(ws, "sequential", 0, warmup, null, null);
            long t0 = System.nanoTime();
            rounds(ws, "sequential", 0, requests, history, get);
            report("sequential", history, get, 1, (System.nanoTime() - t0) / 1e9);
        }
    }

    private void concurrent() throws Exception {
        List<Latencies> histories = new ArrayList<>();
        List<Latencies> gets = new ArrayList<>();
        List<WsConnection> connections = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            for (int i = 0; i < concurrency; i++) {
                connections.add(open("conc" + i));
                histories.add(new Latencies());
                gets.add(new Latencies());
            }
            CountDownLatch warmed = new CountDownLatch(concurrency);
            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(concurrency);
            long[] t0 = new long[1];
            for (int i = 0; i < concurrency; i++) {
                int c = i;
                Thread thread = new Thread(() -> {
                    try {
                        rounds(connections.get(c), "concurrent", c, warmup, null, null);
                        warmed.countDown();
                        go.await();
                        rounds(connections.get(c), "concurrent", c, requests, histories.get(c), gets.get(c));
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                        warmed.countDown();
                    } finally {
                        done.countDown();
                    }
                }, "history-bench-" + c);
                thread.start();
            }
            warmed.await();
            t0[0] = System.nanoTime();
            go.countDown();
            if (!done.await(1, TimeUnit.HOURS)) {
                throw new IllegalStateException("the concurrent rounds did not end within an hour");
            }
            if (failure.get() != null) {
                throw new IllegalStateException("concurrent rounds failed: " + failure.get(), failure.get());
            }
            report("concurrent_c" + concurrency, Latencies.merge(histories), Latencies.merge(gets), concurrency,
                    (System.nanoTime() - t0[0]) / 1e9);
        } finally {
            connections.forEach(WsConnection::close);
        }
    }

    /** {@code n} rounds of history and get (order alternating); recorded when the latencies are given. */
    private void rounds(WsConnection ws, String mode, int connection, int n, Latencies history, Latencies get)
            throws Exception {
        for (int round = 0; round < n; round++) {
            boolean historyFirst = round % 2 == 0;
            for (int k = 0; k < 2; k++) {
                boolean isHistory = historyFirst == (k == 0);
                long sent = System.nanoTime();
                WsConnection.Answer answer = isHistory ? call(ws, "get_company_history", historyRequest())
                        : call(ws, "get_company", getRequest());
                long latency = answer.receivedNanos() - sent;
                if (history != null) {
                    (isHistory ? history : get).add(latency);
                    int bytes = answer.root().toString().length();
                    synchronized (calls) {
                        calls.append(mode).append(',').append(isHistory ? "history" : "get").append(',')
                                .append(connection).append(',').append(round).append(',').append(latency / 1000)
                                .append(',').append(bytes).append('\n');
                    }
                }
            }
        }
    }

    private void report(String mode, Latencies history, Latencies get, int connections, double seconds) {
        double[] h = history.percentiles(50, 95, 99, 100);
        double[] g = get.percentiles(50, 95, 99, 100);
        double hm = history.mean();
        double gm = get.mean();
        figure(String.format(Locale.ROOT, "%s history: n=%d p50=%.2f p95=%.2f p99=%.2f mean=%.2f max=%.2f ms",
                mode, history.count(), h[0] / 1e6, h[1] / 1e6, h[2] / 1e6, hm / 1e6, h[3] / 1e6));
        figure(String.format(Locale.ROOT, "%s get_company: n=%d p50=%.2f p95=%.2f p99=%.2f mean=%.2f max=%.2f ms",
                mode, get.count(), g[0] / 1e6, g[1] / 1e6, g[2] / 1e6, gm / 1e6, g[3] / 1e6));
        figure(String.format(Locale.ROOT, "%s ratio(history/get_company): p50=%.1f p95=%.1f p99=%.1f mean=%.1f"
                        + " (%d connection(s), %.1f s, %.1f rounds/s)", mode, h[0] / g[0], h[1] / g[1], h[2] / g[2],
                hm / gm, connections, seconds, history.count() / seconds));
    }

    // ---- plumbing

    private ObjectNode historyRequest() {
        return WsConnection.JSON.createObjectNode().put("company_uuid", companyUuid);
    }

    private ObjectNode getRequest() {
        return WsConnection.JSON.createObjectNode().put("company_uuid", companyUuid);
    }

    private WsConnection open(String name) {
        return WsConnection.open(http, BenchArgs.companiesWsUrl(baseUrl), token, "hist-" + name);
    }

    /** A request answered with success; {@code rate_limited} is waited out and sent again. */
    private static WsConnection.Answer call(WsConnection ws, String action, ObjectNode data) throws Exception {
        for (int attempt = 0; ; attempt++) {
            WsConnection.Answer answer = ws.request(action, data.deepCopy()).get(120, TimeUnit.SECONDS);
            if (answer.ok()) {
                return answer;
            }
            if ("rate_limited".equals(answer.errorCode()) && attempt < 100) {
                Thread.sleep(1000);
                continue;
            }
            throw new IllegalStateException(action + " failed: " + answer.root());
        }
    }

    private void figure(String line) {
        System.out.println(line);
        figures.add(line);
    }
}
