package io.beacon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.BsonRegularExpression;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Black-box load client for Beacon. Measures, each beside a baseline taken in the same run:
 * <ul>
 *   <li>A: {@code create_company} req/s over 1..n WebSocket connections (each sequential) beside the raw
 *       single-document insert rate of the same store through a plain driver at the same concurrency;</li>
 *   <li>B: {@code list_companies} (text filter + ordering) latency beside the same query sent to the store
 *       directly, after loading the company set through Beacon.</li>
 * </ul>
 * Options are {@code --name=value} arguments; see {@link Options}. Every loop is bounded by a deadline or a count.
 */
public final class BeaconBench {

    private final Options o;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final CompanyData companies;
    private final AtomicLong nextCompany = new AtomicLong();
    private final AtomicLong nextRawNumber = new AtomicLong(1_000_000_000L);
    private final List<String> results = new ArrayList<>();
    private MongoClient mongo;

    private BeaconBench(Options o) {
        this.o = o;
        this.companies = new CompanyData(o.seed);
    }

    public static void main(String[] args) throws Exception {
        // The driver finds no SLF4J here and would say so on JUL; its own logging stays off.
        Logger.getLogger("org.mongodb.driver").setLevel(Level.SEVERE);
        Options o = Options.parse(args);
        BeaconBench bench = new BeaconBench(o);
        try {
            bench.run();
        } finally {
            if (bench.mongo != null) {
                bench.mongo.close();
            }
        }
        System.exit(0);
    }

    private void run() throws Exception {
        log("beacon=%s store=%s concurrency=%s duration=%ds warmup=%ds companies=%d list_name='%s'",
                o.baseUrl, o.mongoUri, Arrays.toString(o.concurrency), o.durationS, o.warmupS, o.companies, o.listName);
        mongo = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(o.mongoUri))
                .applyToConnectionPoolSettings(p -> p.maxSize(Math.max(16, max(o.concurrency) + 2)))
                .applicationName("beacon-bench")
                .build());
        // A = create vs raw insert; B = load the company set through Beacon, then list vs same query.
        // "ABA" repeats A on the loaded store, to show how the write path scales with the store's size.
        if (o.initialWarmupS > 0) {
            initialWarmup();
        }
        int pass = 0;
        for (char phase : o.phases.toCharArray()) {
            switch (phase) {
                case 'A' -> phaseA(++pass);
                case 'B' -> {
                    load();
                    phaseB();
                }
                default -> throw new IllegalArgumentException("unknown phase " + phase);
            }
        }
        System.out.println();
        System.out.println("==== RESULTS ====");
        results.forEach(System.out::println);
    }

    // ------------------------------------------------------------------ A: create vs raw insert

    /**
     * Beacon starts cold: in a 5 s warm-up its JIT compilers still take a large share of the 2 cores.
     * One longer warm-up at the highest concurrency (creates, then raw inserts) comes before any figure.
     */
    private void initialWarmup() throws Exception {
        int c = max(o.concurrency);
        log("initial warm-up: create_company over %d connections for %ds, then raw inserts for %ds", c,
                o.initialWarmupS, Math.max(1, o.initialWarmupS / 4));
        String token = login();
        List<WsConnection> connections = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            connections.add(WsConnection.open(http, o.wsUrl(), token, "warm" + i));
        }
        Rate r = creates(connections, o.initialWarmupS, null);
        connections.forEach(WsConnection::close);
        MongoCollection<Document> raw = mongo.getDatabase(o.database).getCollection(o.rawCollection);
        inserts(raw, c, Math.max(1, o.initialWarmupS / 4));
        log("initial warm-up done (%d creates, errors=%s)", r.count, r.errors);
    }

    private void phaseA(int pass) throws Exception {
        MongoCollection<Document> raw = mongo.getDatabase(o.database).getCollection(o.rawCollection);
        if (mongo.getDatabase(o.database).listCollectionNames().into(new ArrayList<>()).contains(o.rawCollection)) {
            raw.drop();
        }
        if (o.rawIndexes) {
            mirrorCompanyIndexes(raw);
        }
        long companiesBefore = mongo.getDatabase(o.database).getCollection("companies").countDocuments();
        long eventsBefore = mongo.getDatabase(o.database).getCollection("domainevents").countDocuments();
        String header = String.format(Locale.ROOT, "-- A pass %d: store holds %d companies, %d events at start", pass,
                companiesBefore, eventsBefore);
        log("%s", header);
        results.add(header);
        String probe = storeProbe();
        log("%s", probe);
        results.add(probe);
        for (int c : o.concurrency) {
            String token = login();
            List<WsConnection> connections = new ArrayList<>();
            for (int i = 0; i < c; i++) {
                connections.add(WsConnection.open(http, o.wsUrl(), token, "c" + c + "w" + i));
            }
            log("A c=%d: create_company warm-up %ds", c, o.warmupS);
            creates(connections, o.warmupS, null);
            log("A c=%d: create_company measuring %ds", c, o.durationS);
            Sampler sampler = Sampler.start(o, "create_p" + pass + "_c" + c, o.durationS);
            Rate ws = creates(connections, o.durationS, sampler);
            connections.forEach(WsConnection::close);

            log("A c=%d: raw insertOne warm-up %ds", c, o.warmupS);
            inserts(raw, c, o.warmupS);
            log("A c=%d: raw insertOne measuring %ds", c, o.durationS);
            Rate rawRate = inserts(raw, c, o.durationS);

            String line = String.format(Locale.ROOT,
                    "create_ws_c%d=%.1f req/s raw_insert_c%d=%.1f docs/s ratio(ws/raw)=%.4f  "
                            + "[ws: n=%d in %.2fs, errors=%s, latency %s | raw: n=%d in %.2fs, latency %s]",
                    c, ws.perSecond(), c, rawRate.perSecond(), ws.perSecond() / rawRate.perSecond(),
                    ws.count, ws.seconds, ws.errors, ws.latency.summaryMs(),
                    rawRate.count, rawRate.seconds, rawRate.latency.summaryMs());
            results.add(line);
            results.add(String.format(Locale.ROOT,
                    "  create_ws_c%d breakdown (wall clock, ms resolution): send->event timestamp p50=%.1f ms p99=%.1f ms; "
                            + "event timestamp->answer p50=%.1f ms p99=%.1f ms",
                    c, ws.toEvent.percentile(50) / 1e3, ws.toEvent.percentile(99) / 1e3,
                    ws.eventToAnswer.percentile(50) / 1e3, ws.eventToAnswer.percentile(99) / 1e3));
            log("%s", line);
        }
    }

    /**
     * Read-only timings, through the plain driver, of the store queries on Beacon's create path, in the shapes
     * Beacon sends them: FindCompany (limit 1: the subscription's initial result, every poll and get_company) as
     * {@code {_id, deleted:false}} (up to commit 4df9a41; a full scan on the embedded store) and as {@code {_id}}
     * alone (since then; an index lookup), and the tracking processor's event fetch (axon-mongo: timestamp >=
     * last - 1 s, eventIdentifier $nin known ids, sorted by timestamp and sequence, batch 100). Median of 20
     * calls after 5 warm-up calls.
     */
    private String storeProbe() {
        var db = mongo.getDatabase(o.database);
        MongoCollection<Document> companiesCollection = db.getCollection("companies");
        MongoCollection<Document> events = db.getCollection("domainevents");
        String missing = java.util.UUID.randomUUID().toString();
        Document newest = companiesCollection.find().sort(new Document("number", -1)).limit(1).first();
        String newestId = newest == null ? missing : newest.getString("_id");
        double byIdAndDeleted = median(() -> companiesCollection.find(new Document("_id", newestId).append("deleted", false)).limit(1).first());
        double missingByIdAndDeleted = median(() -> companiesCollection.find(new Document("_id", missing).append("deleted", false)).limit(1).first());
        double byIdOnly = median(() -> companiesCollection.find(new Document("_id", newestId)).limit(1).first());
        Document lastEvent = events.find().sort(new Document("timestamp", -1).append("sequenceNumber", -1)).limit(1).first();
        double fetch = Double.NaN;
        if (lastEvent != null) {
            String since = Instant.parse(lastEvent.getString("timestamp")).minusSeconds(1).toString();
            List<String> known = new ArrayList<>();
            events.find(new Document("timestamp", new Document("$gte", since))).projection(new Document("eventIdentifier", 1))
                    .forEach(d -> known.add(d.getString("eventIdentifier")));
            Bson filter = new Document("timestamp", new Document("$gte", since)).append("eventIdentifier", new Document("$nin", known));
            fetch = median(() -> {
                int n = 0;
                try (MongoCursor<Document> cursor = events.find(filter).sort(new Document("timestamp", 1).append("sequenceNumber", 1))
                        .batchSize(100).iterator()) {
                    while (n < 100 && cursor.hasNext()) {
                        cursor.next();
                        n++;
                    }
                }
            });
        }
        return String.format(Locale.ROOT, "  store probe (median ms, plain driver): FindCompany as {_id,deleted:false} (before 4df9a41): absent id=%.2f"
                        + " present id=%.2f | as {_id} only (since 4df9a41)=%.2f | processor event fetch (timestamp>=, $nin, sorted)=%s",
                missingByIdAndDeleted, byIdAndDeleted, byIdOnly,
                Double.isNaN(fetch) ? "n/a (no events)" : String.format(Locale.ROOT, "%.2f", fetch));
    }

    private static double median(Runnable call) {
        for (int i = 0; i < 5; i++) {
            call.run();
        }
        Latencies l = new Latencies();
        for (int i = 0; i < 20; i++) {
            long t0 = System.nanoTime();
            call.run();
            l.add(System.nanoTime() - t0);
        }
        return l.percentile(50) / 1e6;
    }

    private static void mirrorCompanyIndexes(MongoCollection<Document> raw) {
        raw.createIndex(Indexes.ascending("number"), new IndexOptions().unique(true).name("number_unique"));
        raw.createIndex(Indexes.ascending("deleted", "number"), new IndexOptions().name("deleted_number"));
        for (String field : List.of("name", "employees_count", "annual_revenue", "total_funding", "created_at", "updated_at")) {
            raw.createIndex(Indexes.ascending("deleted", field, "number"), new IndexOptions().name("deleted_" + field + "_number"));
        }
        for (String field : List.of("industries_lc", "keywords_lc", "technologies_lc")) {
            raw.createIndex(Indexes.ascending(field), new IndexOptions().name(field));
        }
    }

    /** Counts of one timed run. Latencies in ns; breakdowns in µs. */
    record Rate(long count, double seconds, Map<String, Long> errors, Latencies latency, Latencies toEvent,
                Latencies eventToAnswer) {
        double perSecond() {
            return count / seconds;
        }
    }

    /** Each connection sends create_company one after another until the deadline. */
    private Rate creates(List<WsConnection> connections, int seconds, Sampler sampler) throws InterruptedException {
        int n = connections.size();
        List<Latencies> lat = new ArrayList<>(), toEvent = new ArrayList<>(), toAnswer = new ArrayList<>();
        Map<String, Long> errors = new ConcurrentHashMap<>();
        LongAdder ok = new LongAdder();
        CountDownLatch done = new CountDownLatch(n);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        for (int i = 0; i < n; i++) {
            WsConnection connection = connections.get(i);
            Latencies l = new Latencies(), e = new Latencies(), a = new Latencies();
            lat.add(l);
            toEvent.add(e);
            toAnswer.add(a);
            daemon("create-" + i, () -> {
                try {
                    while (System.nanoTime() < deadline) {
                        ObjectNode data = CompanyData.createRequest(companies.make(nextCompany.getAndIncrement()), o.writeKey);
                        Instant sentWall = Instant.now();
                        long sent = System.nanoTime();
                        WsConnection.Answer answer;
                        try {
                            answer = connection.request("create_company", data).get(120, TimeUnit.SECONDS);
                        } catch (Exception ex) {
                            errors.merge("exception:" + ex.getClass().getSimpleName(), 1L, Long::sum);
                            if (ex.getCause() instanceof IOException) {
                                System.err.println("WARN connection failed: " + ex.getCause().getMessage());
                                return;
                            }
                            continue;
                        }
                        if (!answer.ok()) {
                            errors.merge(answer.errorCode(), 1L, Long::sum);
                            continue;
                        }
                        ok.increment();
                        l.add(answer.receivedNanos() - sent);
                        Instant event = Instant.parse(answer.data().path("created_at").asText());
                        long eventMicros = event.getEpochSecond() * 1_000_000L + event.getNano() / 1_000;
                        long sentMicros = sentWall.getEpochSecond() * 1_000_000L + sentWall.getNano() / 1_000;
                        e.add(eventMicros - sentMicros);
                        a.add(answer.receivedEpochMicros() - eventMicros);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await(seconds + 180L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (sampler != null) {
            sampler.stop();
        }
        return new Rate(ok.sum(), elapsed, new TreeMap<>(errors), Latencies.merge(lat), Latencies.merge(toEvent),
                Latencies.merge(toAnswer));
    }

    /** {@code threads} threads, each calling insertOne one document at a time until the deadline. */
    private Rate inserts(MongoCollection<Document> raw, int threads, int seconds) throws InterruptedException {
        List<Latencies> lat = new ArrayList<>();
        Map<String, Long> errors = new ConcurrentHashMap<>();
        LongAdder ok = new LongAdder();
        CountDownLatch done = new CountDownLatch(threads);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        for (int i = 0; i < threads; i++) {
            Latencies l = new Latencies();
            lat.add(l);
            daemon("insert-" + i, () -> {
                try {
                    while (System.nanoTime() < deadline) {
                        Document document = CompanyData.readModelDocument(
                                companies.make(nextCompany.getAndIncrement()), nextRawNumber.getAndIncrement());
                        long sent = System.nanoTime();
                        try {
                            raw.insertOne(document);
                        } catch (RuntimeException ex) {
                            errors.merge(ex.getClass().getSimpleName(), 1L, Long::sum);
                            continue;
                        }
                        l.add(System.nanoTime() - sent);
                        ok.increment();
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await(seconds + 120L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Rate(ok.sum(), elapsed, new TreeMap<>(errors), Latencies.merge(lat), new Latencies(), new Latencies());
    }

    // ------------------------------------------------------------------ loading the company set

    private void load() throws Exception {
        String token = login();
        long existing;
        try (WsConnection probe = WsConnection.open(http, o.wsUrl(), token, "probe")) {
            existing = count(probe, WsConnection.JSON.createObjectNode());
        }
        long need = Math.max(0, o.companies - existing);
        log("load: %d companies present, creating %d over %d connections x %d in flight", existing, need,
                o.loadConnections, o.loadInFlight);
        if (need == 0) {
            return;
        }
        AtomicLong issued = new AtomicLong();
        LongAdder ok = new LongAdder();
        Map<String, Long> errors = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(o.loadConnections);
        List<WsConnection> connections = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(o.loadTimeoutS);
        for (int i = 0; i < o.loadConnections; i++) {
            WsConnection connection = WsConnection.open(http, o.wsUrl(), token, "load" + i);
            connections.add(connection);
            daemon("load-" + i, () -> {
                Semaphore window = new Semaphore(o.loadInFlight);
                try {
                    while (issued.getAndIncrement() < need && System.nanoTime() < deadline) {
                        window.acquire();
                        ObjectNode data = CompanyData.createRequest(companies.make(nextCompany.getAndIncrement()), o.writeKey);
                        connection.request("create_company", data).orTimeout(120, TimeUnit.SECONDS)
                                .whenComplete((answer, failure) -> {
                                    window.release();
                                    if (failure != null) {
                                        errors.merge("exception:" + failure.getClass().getSimpleName(), 1L, Long::sum);
                                    } else if (!answer.ok()) {
                                        errors.merge(answer.errorCode(), 1L, Long::sum);
                                    } else {
                                        ok.increment();
                                    }
                                });
                    }
                    window.tryAcquire(o.loadInFlight, 180, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        while (!done.await(10, TimeUnit.SECONDS)) {
            log("load: %d/%d created (%.0f/s), errors=%s", ok.sum(), need, ok.sum() / ((System.nanoTime() - start) / 1e9), errors);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        connections.forEach(WsConnection::close);
        String line = String.format(Locale.ROOT, "load: created %d companies in %.1fs = %.1f req/s (%d conns x %d in flight), errors=%s",
                ok.sum(), elapsed, ok.sum() / elapsed, o.loadConnections, o.loadInFlight, errors);
        log("%s", line);
        results.add(line);
    }

    // ------------------------------------------------------------------ B: list vs same query on the store

    private void phaseB() throws Exception {
        String token = login();
        try (WsConnection ws = WsConnection.open(http, o.wsUrl(), token, "list")) {
            long total = count(ws, WsConnection.JSON.createObjectNode());
            ObjectNode nameOnly = WsConnection.JSON.createObjectNode().put("name", o.listName);
            long matching = count(ws, nameOnly);
            String fraction = String.format(Locale.ROOT, "filter name~'%s' matches %d of %d companies (%.1f %%)",
                    o.listName, matching, total, 100.0 * matching / total);
            log("B: %s", fraction);

            ObjectNode listData = WsConnection.JSON.createObjectNode()
                    .put("name", o.listName).put("ordering", o.listOrdering).put("limit", o.listLimit);
            MongoCollection<Document> companiesCollection = mongo.getDatabase(o.database).getCollection("companies");
            // Exactly what Beacon's query side sends for this request (CompanyCriteria + CompanyQueryHandler):
            // $and of the tombstone equality and a quoted, case-insensitive regex; list copies projected out;
            // the ordering then the number tie-breaker; one row beyond the page.
            Bson filter = new Document("$and", List.of(new Document("deleted", false),
                    new Document("name", new BsonRegularExpression(Pattern.quote(o.listName), "i"))));
            Bson projection = new Document("industries_lc", 0).append("keywords_lc", 0).append("technologies_lc", 0);
            Bson sort = sortOf(o.listOrdering);
            log("B: driver query filter=%s sort=%s projection=%s limit=%d", filter, sort, projection, o.listLimit + 1);

            // Sanity: both sides return the same page.
            List<String> wsPage = new ArrayList<>();
            listWs(ws, listData, wsPage);
            List<String> driverPage = new ArrayList<>();
            listDriver(companiesCollection, filter, projection, sort, o.listLimit + 1, driverPage);
            boolean same = driverPage.size() >= wsPage.size() && wsPage.equals(driverPage.subList(0, wsPage.size()));
            String check = String.format(Locale.ROOT, "list_check=%s (ws page %d rows, driver %d rows incl. look-ahead)",
                    same ? "same-page" : "MISMATCH", wsPage.size(), driverPage.size());
            log("B: %s", check);

            log("B: warm-up %d + %d", o.listWarmup, o.listWarmup);
            for (int i = 0; i < o.listWarmup; i++) {
                listWs(ws, listData, null);
                listDriver(companiesCollection, filter, projection, sort, o.listLimit + 1, null);
            }
            Latencies wsLat = new Latencies(), driverLat = new Latencies();
            Map<String, Long> errors = new TreeMap<>();
            int block = 50;
            // Alternate blocks so that drift in machine load hits both sides alike.
            for (int done = 0; done < o.listRequests; done += block) {
                int n = Math.min(block, o.listRequests - done);
                Sampler sampler = done == 0 ? Sampler.start(o, "list", 3) : null;
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    String error = listWs(ws, listData, null);
                    if (error != null) {
                        errors.merge(error, 1L, Long::sum);
                    } else {
                        wsLat.add(System.nanoTime() - t0);
                    }
                }
                if (sampler != null) {
                    sampler.stop();
                }
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    listDriver(companiesCollection, filter, projection, sort, o.listLimit + 1, null);
                    driverLat.add(System.nanoTime() - t0);
                }
            }
            results.add(String.format(Locale.ROOT, "list_ws_p50=%.2f ms list_driver_p50=%.2f ms ratio_p50(ws/driver)=%.2f | "
                            + "list_ws_p99=%.2f ms list_driver_p99=%.2f ms ratio_p99(ws/driver)=%.2f  [n=%d+%d, errors=%s, ws mean=%.2f ms, driver mean=%.2f ms]",
                    wsLat.percentile(50) / 1e6, driverLat.percentile(50) / 1e6, wsLat.percentile(50) / driverLat.percentile(50),
                    wsLat.percentile(99) / 1e6, driverLat.percentile(99) / 1e6, wsLat.percentile(99) / driverLat.percentile(99),
                    wsLat.count(), driverLat.count(), errors, wsLat.mean() / 1e6, driverLat.mean() / 1e6));
            results.add("  " + fraction + "; request " + listData.toString().replace(o.writeKey, "***") + "; " + check);
        }
    }

    private static Bson sortOf(String ordering) {
        Document sort = new Document();
        boolean byNumber = false;
        Map<String, String> paths = Map.ofEntries(Map.entry("id", "number"), Map.entry("uuid", "_id"),
                Map.entry("city", "metadata.city"), Map.entry("state", "metadata.state"),
                Map.entry("country", "metadata.country"));
        for (String key : ordering.split(",")) {
            String k = key.trim();
            boolean desc = k.startsWith("-");
            String field = desc ? k.substring(1) : k;
            String path = paths.getOrDefault(field, field);
            byNumber |= path.equals("number");
            sort.append(path, desc ? -1 : 1);
        }
        if (!byNumber) {
            sort.append("number", 1);
        }
        return sort;
    }

    /** One list_companies round trip; collects the page's uuids if asked; returns an error code or null. */
    private static String listWs(WsConnection ws, ObjectNode data, List<String> uuids) {
        try {
            WsConnection.Answer answer = ws.request("list_companies", data.deepCopy()).get(60, TimeUnit.SECONDS);
            if (!answer.ok()) {
                return answer.errorCode();
            }
            if (uuids != null) {
                answer.data().path("results").forEach(row -> uuids.add(row.path("uuid").asText()));
            }
            return null;
        } catch (Exception e) {
            return "exception:" + e.getClass().getSimpleName();
        }
    }

    private static void listDriver(MongoCollection<Document> companies, Bson filter, Bson projection, Bson sort,
                                   int limit, List<String> ids) {
        try (MongoCursor<Document> cursor = companies.find(filter).projection(projection).sort(sort)
                .limit(limit).iterator()) {
            while (cursor.hasNext()) {
                Document document = cursor.next();
                if (ids != null) {
                    ids.add(document.getString("_id"));
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private long count(WsConnection ws, ObjectNode filter) throws Exception {
        WsConnection.Answer answer = ws.request("count_companies", filter).get(60, TimeUnit.SECONDS);
        if (!answer.ok()) {
            throw new IllegalStateException("count_companies failed: " + answer.root());
        }
        return answer.data().path("count").asLong();
    }

    private String login() throws IOException, InterruptedException {
        ObjectNode body = WsConnection.JSON.createObjectNode().put("email", o.email).put("password", o.password);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(o.baseUrl + "/api/v1/auth/login"))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login failed: HTTP " + response.statusCode() + " " + response.body());
        }
        JsonNode json = WsConnection.JSON.readTree(response.body());
        String role = json.path("user").path("role").asText();
        if (!"admin".equals(role)) {
            throw new IllegalStateException("bench user must be an admin, is '" + role + "'");
        }
        return json.path("access_token").asText();
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static int max(int[] values) {
        return Arrays.stream(values).max().orElse(1);
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%s] " + format + "%n",
                prepend(Instant.now().toString().substring(11, 23), args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** Takes jstack samples of the Beacon process, evenly spread over a phase, when a pid and a directory are given. */
    static final class Sampler {
        private final Thread thread;

        private Sampler(Thread thread) {
            this.thread = thread;
        }

        static Sampler start(Options o, String label, int seconds) {
            if (o.jstackPid <= 0 || o.jstackDir == null || o.jstackSamples <= 0) {
                return null;
            }
            long every = Math.max(100, seconds * 1000L / (o.jstackSamples + 1));
            Thread t = daemon("jstack", () -> {
                for (int i = 1; i <= o.jstackSamples; i++) {
                    try {
                        Thread.sleep(every);
                        Path out = Path.of(o.jstackDir, String.format(Locale.ROOT, "jstack-%s-%02d.txt", label, i));
                        Files.createDirectories(out.getParent());
                        Process p = new ProcessBuilder("jstack", String.valueOf(o.jstackPid))
                                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
                        p.waitFor(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        return;
                    } catch (IOException e) {
                        System.err.println("WARN jstack failed: " + e);
                        return;
                    }
                }
            });
            return new Sampler(t);
        }

        void stop() {
            thread.interrupt();
        }
    }

    /** Command-line options, {@code --name=value}. */
    static final class Options {
        String baseUrl = "http://127.0.0.1:8000";
        String mongoUri = "mongodb://127.0.0.1:27018";
        String database = "beacon";
        String rawCollection = "bench_raw";
        boolean rawIndexes = true;
        String email;
        String password;
        String writeKey;
        int[] concurrency = {1, 8};
        int durationS = 15;
        int warmupS = 5;
        int initialWarmupS = 20;
        long companies = 10_000;
        int loadConnections = 8;
        int loadInFlight = 4;
        int loadTimeoutS = 360;
        String listName = "summit";
        String listOrdering = "-employees_count,name";
        int listLimit = 25;
        int listWarmup = 50;
        int listRequests = 300;
        long seed = 42;
        String phases = "ABA";
        long jstackPid;
        String jstackDir;
        int jstackSamples = 0;

        String wsUrl() {
            return BenchArgs.companiesWsUrl(baseUrl);
        }

        static Options parse(String[] args) {
            Options o = new Options();
            for (Map.Entry<String, String> e : BenchArgs.parse(args).entrySet()) {
                String v = e.getValue();
                switch (e.getKey()) {
                    case "base-url" -> o.baseUrl = v.replaceAll("/+$", "");
                    case "mongo-uri" -> o.mongoUri = v;
                    case "database" -> o.database = v;
                    case "raw-collection" -> o.rawCollection = v;
                    case "raw-indexes" -> o.rawIndexes = Boolean.parseBoolean(v);
                    case "email" -> o.email = v;
                    case "password" -> o.password = v;
                    case "write-key" -> o.writeKey = v;
                    case "concurrency" -> o.concurrency = Arrays.stream(v.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
                    case "duration-s" -> o.durationS = Integer.parseInt(v);
                    case "warmup-s" -> o.warmupS = Integer.parseInt(v);
                    case "initial-warmup-s" -> o.initialWarmupS = Integer.parseInt(v);
                    case "companies" -> o.companies = Long.parseLong(v);
                    case "load-connections" -> o.loadConnections = Integer.parseInt(v);
                    case "load-in-flight" -> o.loadInFlight = Integer.parseInt(v);
                    case "load-timeout-s" -> o.loadTimeoutS = Integer.parseInt(v);
                    case "list-name" -> o.listName = v;
                    case "list-ordering" -> o.listOrdering = v;
                    case "list-limit" -> o.listLimit = Integer.parseInt(v);
                    case "list-warmup" -> o.listWarmup = Integer.parseInt(v);
                    case "list-requests" -> o.listRequests = Integer.parseInt(v);
                    case "seed" -> o.seed = Long.parseLong(v);
                    case "phases" -> o.phases = v.toUpperCase(Locale.ROOT);
                    case "jstack-pid" -> o.jstackPid = Long.parseLong(v);
                    case "jstack-dir" -> o.jstackDir = v;
                    case "jstack-samples" -> o.jstackSamples = Integer.parseInt(v);
                    default -> throw new IllegalArgumentException("unknown option --" + e.getKey());
                }
            }
            if (o.email == null || o.password == null || o.writeKey == null) {
                throw new IllegalArgumentException("--email, --password and --write-key are required");
            }
            // Traffic only to this machine.
            requireLoopback(URI.create(o.baseUrl).getHost());
            new ConnectionString(o.mongoUri).getHosts().forEach(h -> requireLoopback(h.replaceFirst(":\\d+$", "")));
            return o;
        }

        private static void requireLoopback(String host) {
            if (!List.of("127.0.0.1", "localhost").contains(host)) {
                throw new IllegalArgumentException("refusing non-loopback host " + host);
            }
        }
    }
}
