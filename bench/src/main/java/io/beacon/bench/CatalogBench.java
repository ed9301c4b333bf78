package io.beacon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import org.bson.BsonRegularExpression;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import static io.beacon.bench.BeaconBench.log;

/**
 * The measurement of issue 4 (company attribute lookups and company contacts). Loads a catalogue
 * ({@link CatalogData}: companies, then contacts, through {@code create_company} / {@code create_contact} over
 * several pipelined WebSocket connections), then measures, each beside the same query sent straight to the store
 * through a plain driver (the store queries Beacon's query handler performs for it):
 * <ul>
 *   <li>{@code list_industries} {separated, ordering -count, limit 25} beside the find on
 *       {@code company_values_industry} sorted by count (and, as context, the aggregation over all companies
 *       that the counts collection saves);</li>
 *   <li>{@code list_company_contacts} {company_uuid, title, limit 25} of the company with
 *       {@code designated-contacts} contacts beside the {@code $in} reads over its slot keys with the same
 *       filter, ordering and page applied in memory, and beside the naive single query
 *       {@code {company.uuid, deleted:false, title: /…/i}} sorted by number;</li>
 *   <li>{@code count_company_contacts} {company_uuid} beside the same slot reads counted, and beside the naive
 *       {@code countDocuments({company.uuid, deleted:false})}.</li>
 * </ul>
 * WebSocket and store sides are measured in alternating blocks after a warm-up. Options are {@code --name=value};
 * see {@link Options}.
 */
public final class CatalogBench {

    /** What Beacon's contact reads leave out of a contact document (ContactQueryHandler.NOT_READ). */
    private static final List<String> NOT_READ = List.of("company.domain", "company.employees_count",
            "company.annual_revenue", "company.industries", "company.industries_lc", "company.keywords",
            "company.keywords_lc", "company.technologies", "company.technologies_lc", "company.city", "company.state",
            "company.country", "departments_lc");
    /** CompanyValueQueryHandler.fromCounts for list_industries {separated, -count}: count > 0, by_count_descending, v and n. */
    private static final Bson INDUSTRY_FILTER = new Document("n", new Document("$gt", 0));
    private static final Bson INDUSTRY_SORT = new Document("n", -1).append("s", 1).append("_id", 1);
    private static final Bson INDUSTRY_PROJECTION = new Document("v", 1).append("n", 1);
    /** ContactCompanies.CHUNK: slot keys per {@code $in}. */
    private static final int SLOT_CHUNK = 500;

    private final Options o;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "retry");
        t.setDaemon(true);
        return t;
    });
    private CatalogData data;
    private MongoClient mongo;
    private MongoDatabase db;
    private volatile Token token;

    private record Token(String value, long issuedNanos) {
    }

    private CatalogBench(Options o) {
        this.o = o;
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("org.mongodb.driver").setLevel(Level.SEVERE);
        Options o = Options.parse(args);
        CatalogBench bench = new CatalogBench(o);
        int rc = 0;
        try {
            bench.run();
        } catch (Exception e) {
            e.printStackTrace();
            rc = 1;
        } finally {
            if (bench.mongo != null) {
                bench.mongo.close();
            }
        }
        System.exit(rc);
    }

    private void run() throws Exception {
        log("beacon=%s store=%s companies=%d contacts=%d designated_contacts=%d title='%s' seed=%d",
                o.baseUrl, o.mongoUri, o.companies, o.contacts, o.designatedContacts, o.title, o.seed);
        mongo = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(o.mongoUri))
                .applicationName("beacon-bench-catalog")
                .build());
        db = mongo.getDatabase(o.database);
        long t0 = System.nanoTime();
        data = new CatalogData(o.seed, o.companies, o.contacts, o.designatedContacts);
        log("generator ready in %.1fs; designated company #%d %s", (System.nanoTime() - t0) / 1e9, data.designated(),
                data.companyUuid(data.designated()));

        long companiesStored = db.getCollection("companies").estimatedDocumentCount();
        long contactsStored = db.getCollection("contacts").estimatedDocumentCount();
        if (companiesStored == 0 && contactsStored == 0) {
            load();
        } else if (companiesStored == o.companies && contactsStored == o.contacts
                && designatedSlots() == Math.min(o.designatedContacts, o.contacts)) {
            log("store already holds this catalogue (%d companies, %d contacts): not loading", companiesStored, contactsStored);
            notes.add(String.format(Locale.ROOT, "load: skipped, the store already held %d companies and %d contacts of seed %d",
                    companiesStored, contactsStored, o.seed));
        } else {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "the store holds %d companies and %d contacts: neither empty nor this catalogue (%d, %d, seed %d); "
                            + "start on a fresh data directory", companiesStored, contactsStored, o.companies, o.contacts, o.seed));
        }

        String company = data.companyUuid(data.designated());
        describe(company);
        initialWarmup(company);
        measureIndustries();
        measureContactList(company);
        measureContactCount(company);
        probeSlotReads(company);

        System.out.println();
        System.out.println("==== RESULTS ====");
        figures.forEach(System.out::println);
        notes.forEach(System.out::println);
    }

    // ------------------------------------------------------------------ loading

    private void load() throws Exception {
        long start = System.nanoTime();
        loadPhase("companies", "create_company", o.companies, o.contacts, i -> data.companyRequest(i, o.writeKey), 0);
        loadPhase("contacts", "create_contact", o.contacts, 0, j -> data.contactRequest(j, o.writeKey),
                (System.nanoTime() - start) / 1e9);
        notes.add(String.format(Locale.ROOT, "load: %d companies and %d contacts in %.1f min",
                o.companies, o.contacts, (System.nanoTime() - start) / 60e9));
    }

    /**
     * Sends {@code count} creates over {@code loadConnections} connections, each keeping {@code loadInFlight}
     * requests outstanding. A {@code rate_limited} answer is retried after a pause; other failures are counted.
     * Returns the rate (answers/s).
     */
    private double loadPhase(String what, String action, int count, int later, IntFunction<ObjectNode> request,
                             double earlierSeconds) throws Exception {
        log("load %s: %d %s over %d connections x %d in flight", what, count, action, o.loadConnections, o.loadInFlight);
        AtomicInteger next = new AtomicInteger();
        LongAdder ok = new LongAdder();
        LongAdder retried = new LongAdder();
        Map<String, Long> errors = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(o.loadConnections);
        long start = System.nanoTime();
        long deadline = o.loadTimeoutS > 0 ? start + TimeUnit.SECONDS.toNanos(o.loadTimeoutS) : Long.MAX_VALUE;
        List<AtomicReference<WsConnection>> connections = new ArrayList<>();
        for (int c = 0; c < o.loadConnections; c++) {
            AtomicReference<WsConnection> connection = new AtomicReference<>(WsConnection.open(http, o.wsUrl(),
                    freshToken(), what + c));
            connections.add(connection);
            int index = c;
            daemon("load-" + what + "-" + c, () -> {
                Semaphore window = new Semaphore(o.loadInFlight);
                long authAt = System.nanoTime();
                int reconnects = 0;
                try {
                    int i;
                    while ((i = next.getAndIncrement()) < count && System.nanoTime() < deadline) {
                        window.acquire();
                        if (!connection.get().isOpen()) {
                            // Answers still pending on the old connection were already counted as failures.
                            connection.set(WsConnection.open(http, o.wsUrl(), freshToken(), what + index + "r" + ++reconnects));
                            authAt = System.nanoTime();
                            errors.merge("reconnected", 1L, Long::sum);
                        } else if (System.nanoTime() - authAt > TimeUnit.SECONDS.toNanos(o.renewAfterS)) {
                            renew(connection.get());
                            authAt = System.nanoTime();
                        }
                        send(connection.get(), action, request.apply(i), 0, window, ok, retried, errors);
                    }
                    window.tryAcquire(o.loadInFlight, 300, TimeUnit.SECONDS);
                } catch (Exception e) {
                    errors.merge("loader:" + e.getClass().getSimpleName(), 1L, Long::sum);
                    System.err.println("WARN load thread " + index + ": " + e);
                } finally {
                    done.countDown();
                }
            });
        }
        boolean estimated = false;
        while (!done.await(10, TimeUnit.SECONDS)) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            double rate = ok.sum() / elapsed;
            log("load %s: %d/%d (%.0f/s), retried=%d, errors=%s", what, ok.sum(), count, rate, retried.sum(), errors);
            if (!estimated && elapsed >= o.estimateAfterS && rate > 0) {
                estimated = true;
                // A later phase (the contacts) is estimated at this phase's rate until it runs itself.
                double rest = (count - ok.sum() + later) / rate;
                double total = earlierSeconds + elapsed + rest;
                String line = String.format(Locale.ROOT,
                        "load estimate after %.0fs of %s: %.0f/s, ~%.1f min to go%s, whole load ~%.1f min%s", elapsed,
                        what, rate, rest / 60, later > 0 ? " (the " + later + " contacts at this rate)" : "", total / 60,
                        total / 60 > o.loadWarnMin ? String.format(Locale.ROOT, "  WARNING: the load takes more than %d min "
                                + "on this machine; defaults kept (COMPANIES, CONTACTS are knobs)", o.loadWarnMin) : "");
                log("%s", line);
                notes.add(line);
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        connections.forEach(c -> c.get().close());
        String line = String.format(Locale.ROOT,
                "load_%s_rate=%.1f req/s  [%s: %d ok of %d in %.1fs, %d conns x %d in flight, rate_limited retries=%d, errors=%s]",
                what, ok.sum() / elapsed, action, ok.sum(), count, elapsed, o.loadConnections, o.loadInFlight,
                retried.sum(), new TreeMap<>(errors));
        log("%s", line);
        figures.add(line);
        return ok.sum() / elapsed;
    }

    private void send(WsConnection connection, String action, ObjectNode request, int attempt, Semaphore window,
                      LongAdder ok, LongAdder retried, Map<String, Long> errors) {
        connection.request(action, request.deepCopy()).orTimeout(120, TimeUnit.SECONDS).whenComplete((answer, failure) -> {
            if (failure == null && !answer.ok() && "rate_limited".equals(answer.errorCode()) && attempt < 100) {
                retried.increment();
                retries.schedule(() -> send(connection, action, request, attempt + 1, window, ok, retried, errors),
                        200, TimeUnit.MILLISECONDS);
                return;
            }
            window.release();
            if (failure != null) {
                errors.merge("exception:" + failure.getClass().getSimpleName(), 1L, Long::sum);
            } else if (!answer.ok()) {
                if (errors.merge(answer.errorCode(), 1L, Long::sum) <= 3) {
                    System.err.println("WARN " + action + " failed: " + answer.root());
                }
            } else {
                ok.increment();
            }
        });
    }

    /** Renews the connection's access token (it expires after 15 min by default) with the {@code auth} action. */
    private void renew(WsConnection connection) throws Exception {
        ObjectNode body = WsConnection.JSON.createObjectNode().put("token", freshToken());
        WsConnection.Answer answer = connection.request("auth", body).get(30, TimeUnit.SECONDS);
        if (!answer.ok()) {
            System.err.println("WARN auth renewal failed: " + answer.root());
        }
    }

    /** A token at most half the renewal interval old. */
    private synchronized String freshToken() throws IOException, InterruptedException {
        Token t = token;
        if (t == null || System.nanoTime() - t.issuedNanos() > TimeUnit.SECONDS.toNanos(o.renewAfterS) / 2) {
            t = new Token(login(), System.nanoTime());
            token = t;
        }
        return t.value();
    }

    private long designatedSlots() {
        Document source = db.getCollection("contact_companies")
                .find(new Document("_id", data.companyUuid(data.designated()))).limit(1).first();
        return source == null ? -1 : number(source.get("slots"));
    }

    // ------------------------------------------------------------------ what was loaded

    private void describe(String company) throws Exception {
        try (WsConnection ws = WsConnection.open(http, o.wsUrl(), freshToken(), "describe")) {
            long companies = answer(ws, "count_companies", WsConnection.JSON.createObjectNode()).path("count").asLong();
            long contacts = db.getCollection("contacts").estimatedDocumentCount();
            long own = answer(ws, "count_company_contacts", contactRequest(company, false)).path("count").asLong();
            long titled = answer(ws, "count_company_contacts", contactRequest(company, true)).path("count").asLong();
            List<Document> values = new ArrayList<>();
            db.getCollection("company_values_industry").find(new Document("n", new Document("$gt", 0)))
                    .sort(new Document("n", -1).append("s", 1).append("_id", 1)).into(values);
            StringBuilder top = new StringBuilder();
            for (int k = 0; k < Math.min(5, values.size()); k++) {
                top.append(k == 0 ? "" : ", ").append(values.get(k).get("v")).append('=').append(values.get(k).get("n"));
            }
            // A scan of contact_companies, once, only to describe the spread.
            String biggest = attempt(() -> {
                long most = 0;
                for (Document d : db.getCollection("contact_companies").find().projection(new Document("slots", 1))) {
                    most = Math.max(most, number(d.get("slots")));
                }
                return String.valueOf(most);
            });
            String line = String.format(Locale.ROOT,
                    "data: %d companies, %d contacts (seed %d); %d industry values, top: %s; biggest contact count of a company %s; "
                            + "designated company %s has %d contacts, %d (%.1f %%) with title~'%s'",
                    companies, contacts, o.seed, values.size(), top, biggest, company, own, titled,
                    own == 0 ? 0.0 : 100.0 * titled / own, o.title);
            log("%s", line);
            notes.add(line);
            if (own != Math.min(o.designatedContacts, o.contacts)) {
                String warn = "WARNING: the designated company has " + own + " contacts, not "
                        + Math.min(o.designatedContacts, o.contacts) + " (failed creates?)";
                log("%s", warn);
                notes.add(warn);
            }
        }
    }

    // ------------------------------------------------------------------ warm-up

    /**
     * A fresh Beacon JVM answers the cheap lookups several times slower until its JIT has compiled the read path,
     * which the per-query warm-up of 50 calls does not reach. For {@code initialWarmupS} seconds: rounds of 10
     * list_industries, one list_company_contacts and one count_company_contacts, over WebSocket and on the store
     * side alike (~40 messages/s, well under the per-connection rate limit).
     */
    private void initialWarmup(String company) throws Exception {
        if (o.initialWarmupS <= 0) {
            return;
        }
        log("initial warm-up: %ds of all three queries, both sides", o.initialWarmupS);
        ObjectNode industries = WsConnection.JSON.createObjectNode().put("separated", true).put("ordering", "-count")
                .put("limit", o.limit);
        ObjectNode list = contactRequest(company, true).put("limit", o.limit);
        ObjectNode count = contactRequest(company, false);
        MongoCollection<Document> counts = db.getCollection("company_values_industry");
        String needle = o.title.toLowerCase(Locale.ROOT);
        Predicate<Document> titled = d -> d.getString("title") != null
                && d.getString("title").toLowerCase(Locale.ROOT).contains(needle);
        Map<String, Long> errors = new TreeMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.initialWarmupS);
        int rounds = 0;
        try (WsConnection ws = WsConnection.open(http, o.wsUrl(), freshToken(), "warm")) {
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < 10; i++) {
                    note(errors, wsCall(ws, "list_industries", industries));
                    industriesFromCounts(counts, INDUSTRY_FILTER, INDUSTRY_SORT, INDUSTRY_PROJECTION);
                }
                note(errors, wsCall(ws, "list_company_contacts", list));
                page(slotReads(company, titled));
                note(errors, wsCall(ws, "count_company_contacts", count));
                slotReads(company, d -> true);
                rounds++;
            }
        }
        log("initial warm-up done: %d rounds, errors=%s", rounds, errors);
    }

    private static void note(Map<String, Long> errors, String error) {
        if (error != null) {
            errors.merge(error, 1L, Long::sum);
        }
    }

    // ------------------------------------------------------------------ list_industries

    private void measureIndustries() throws Exception {
        ObjectNode request = WsConnection.JSON.createObjectNode().put("separated", true).put("ordering", "-count")
                .put("limit", o.limit);
        MongoCollection<Document> counts = db.getCollection("company_values_industry");
        MongoCollection<Document> companies = db.getCollection("companies");
        Bson filter = INDUSTRY_FILTER;
        Bson sort = INDUSTRY_SORT;
        Bson projection = INDUSTRY_PROJECTION;
        // CompanyValueQueryHandler.fromCompanies with an empty company filter: what a per-request count costs.
        List<Document> pipeline = List.of(
                new Document("$match", new Document("deleted", false)),
                new Document("$project", new Document("v", "$industries")),
                new Document("$unwind", "$v"),
                new Document("$match", new Document("$and", List.of(new Document("v", new BsonRegularExpression("\\S"))))),
                new Document("$group", new Document("_id", new Document("c", "$_id").append("v", "$v"))),
                new Document("$group", new Document("_id", "$_id.v").append("n", new Document("$sum", 1))));
        try (WsConnection ws = WsConnection.open(http, o.wsUrl(), freshToken(), "industries")) {
            List<String> wsPage = new ArrayList<>();
            answer(ws, "list_industries", request).path("results").forEach(v -> wsPage.add(v.asText()));
            List<String> storePage = industriesFromCounts(counts, filter, sort, projection);
            String aggregateCheck = attempt(() -> {
                List<String> aggregatePage = industriesByAggregation(companies, pipeline);
                return aggregatePage.equals(wsPage) ? "same" : "differs: " + aggregatePage;
            });
            String check = String.format(Locale.ROOT, "check=%s (ws %d values, store %d, aggregation %s)",
                    wsPage.equals(storePage) ? "same-page" : "MISMATCH", wsPage.size(), storePage.size(), aggregateCheck);
            log("list_industries: %s; first values %s", check, wsPage.subList(0, Math.min(5, wsPage.size())));
            Result r = measure("list_industries",
                    () -> wsCall(ws, "list_industries", request),
                    () -> {
                        industriesFromCounts(counts, filter, sort, projection);
                        return null;
                    },
                    () -> {
                        industriesByAggregation(companies, pipeline);
                        return null;
                    });
            report("list_industries", r, "aggregate");
            notes.add("  list_industries: request " + request + "; store = find " + filter.toBsonDocument() + " sort "
                    + sort + " projection " + projection + " limit " + o.limit + " on company_values_industry; aggregate = "
                    + "the per-request count over all companies (context: what the counts collection saves); " + check);
        }
    }

    private List<String> industriesFromCounts(MongoCollection<Document> counts, Bson filter, Bson sort, Bson projection) {
        List<String> values = new ArrayList<>(o.limit);
        try (MongoCursor<Document> cursor = counts.find(filter).sort(sort).projection(projection).limit(o.limit).iterator()) {
            while (cursor.hasNext()) {
                values.add(cursor.next().getString("v"));
            }
        }
        return values;
    }

    /** The aggregation, then the first {@code limit} by count descending, value (lower case, then exact) ascending. */
    private List<String> industriesByAggregation(MongoCollection<Document> companies, List<Document> pipeline) {
        Comparator<Document> order = Comparator.<Document>comparingLong(d -> number(d.get("n"))).reversed()
                .thenComparing(d -> d.getString("_id").toLowerCase(Locale.ROOT))
                .thenComparing(d -> d.getString("_id"));
        PriorityQueue<Document> first = new PriorityQueue<>(order.reversed());
        for (Document group : companies.aggregate(pipeline).allowDiskUse(true)) {
            first.add(group);
            if (first.size() > o.limit) {
                first.poll();
            }
        }
        List<Document> sorted = new ArrayList<>(first);
        sorted.sort(order);
        return sorted.stream().map(d -> d.getString("_id")).toList();
    }

    // ------------------------------------------------------------------ list_company_contacts / count_company_contacts

    private void measureContactList(String company) throws Exception {
        ObjectNode request = contactRequest(company, true).put("limit", o.limit);
        String needle = o.title.toLowerCase(Locale.ROOT);
        Predicate<Document> titled = d -> d.getString("title") != null
                && d.getString("title").toLowerCase(Locale.ROOT).contains(needle);
        Bson naive = new Document("company.uuid", company).append("deleted", false)
                .append("title", new BsonRegularExpression(Pattern.quote(o.title), "i"));
        MongoCollection<Document> contacts = db.getCollection("contacts");
        try (WsConnection ws = WsConnection.open(http, o.wsUrl(), freshToken(), "contacts")) {
            List<String> wsPage = new ArrayList<>();
            answer(ws, "list_company_contacts", request).path("results").forEach(c -> wsPage.add(c.path("uuid").asText()));
            List<String> storePage = page(slotReads(company, titled));
            String naiveCheck = attempt(() -> {
                List<String> naivePage = naivePage(contacts, naive);
                return naivePage.equals(wsPage) ? "same" : "differs (" + naivePage.size() + " rows)";
            });
            String check = String.format(Locale.ROOT, "check=%s (ws %d rows, store %d, naive %s)",
                    wsPage.equals(storePage) ? "same-page" : "MISMATCH", wsPage.size(), storePage.size(), naiveCheck);
            log("list_company_contacts: %s", check);
            Result r = measure("list_company_contacts",
                    () -> wsCall(ws, "list_company_contacts", request),
                    () -> {
                        page(slotReads(company, titled));
                        return null;
                    },
                    () -> {
                        naivePage(contacts, naive);
                        return null;
                    });
            report("list_company_contacts", r, "naive");
            notes.add("  list_company_contacts: request " + request.toString().replace(o.writeKey, "***")
                    + "; store = contact_companies find {_id} limit 1, then contacts find {company_slot: {$in: <"
                    + SLOT_CHUNK + " slot keys>}} per chunk (reads' projection), deleted and title~ filtered, sorted by number and "
                    + "paged in the client; naive = find " + naive + " sorted by number, limit " + (o.limit + 1) + "; " + check);
        }
    }

    private void measureContactCount(String company) throws Exception {
        ObjectNode request = contactRequest(company, false);
        Bson naive = new Document("company.uuid", company).append("deleted", false);
        try (WsConnection ws = WsConnection.open(http, o.wsUrl(), freshToken(), "count")) {
            long wsCount = answer(ws, "count_company_contacts", request).path("count").asLong();
            long storeCount = slotReads(company, d -> true).size();
            String naiveCount = attempt(() -> String.valueOf(countCommand(naive)));
            String check = String.format(Locale.ROOT, "check=%s (ws %d, store %d, naive %s)",
                    wsCount == storeCount ? "same-count" : "MISMATCH", wsCount, storeCount, naiveCount);
            log("count_company_contacts: %s", check);
            Result r = measure("count_company_contacts",
                    () -> wsCall(ws, "count_company_contacts", request),
                    () -> {
                        slotReads(company, d -> true).size();
                        return null;
                    },
                    () -> {
                        countCommand(naive);
                        return null;
                    });
            report("count_company_contacts", r, "naive");
            notes.add("  count_company_contacts: request " + request + "; store = the same slot reads as above, live "
                    + "contacts counted in the client; naive = the count command with query " + naive + "; " + check);
        }
    }

    /**
     * The plain {@code count} command with a query (the driver's countDocuments is an aggregation, which the embedded
     * store runs over a stream of the whole collection).
     */
    private long countCommand(Bson filter) {
        Document result = db.runCommand(new Document("count", "contacts").append("query", filter.toBsonDocument()));
        return number(result.get("n"));
    }

    /**
     * ContactQueryHandler.matching: the company's source in contact_companies (must be known and live), then its
     * contacts by {@code $in} over its slot keys, a chunk at a time, without the company's search data; tombstones
     * and non-matching contacts dropped in the client.
     */
    private List<Document> slotReads(String company, Predicate<Document> wanted) {
        Document source = db.getCollection("contact_companies").find(new Document("_id", company)).limit(1).first();
        if (source == null || !Boolean.TRUE.equals(source.get("known")) || Boolean.TRUE.equals(source.get("deleted"))) {
            throw new IllegalStateException("company " + company + " not found in contact_companies");
        }
        long slots = number(source.get("slots"));
        Document projection = new Document();
        NOT_READ.forEach(field -> projection.append(field, 0));
        MongoCollection<Document> contacts = db.getCollection("contacts");
        List<Document> matches = new ArrayList<>();
        for (long start = 0; start < slots; start += SLOT_CHUNK) {
            List<String> keys = new ArrayList<>(SLOT_CHUNK);
            for (long slot = start; slot < Math.min(slots, start + SLOT_CHUNK); slot++) {
                keys.add(company + "#" + slot);
            }
            try (MongoCursor<Document> cursor = contacts.find(new Document("company_slot", new Document("$in", keys)))
                    .projection(projection).iterator()) {
                while (cursor.hasNext()) {
                    Document d = cursor.next();
                    if (!Boolean.TRUE.equals(d.get("deleted")) && wanted.test(d)) {
                        matches.add(d);
                    }
                }
            }
        }
        return matches;
    }

    /**
     * Context for the slot reads: reading all the designated company's contacts through {@code $in} with other
     * chunk sizes than Beacon's 500, and by {@code _id $in} (the same documents through the primary key). Median
     * of {@code probeRuns} after 3 warm-up reads each.
     */
    private void probeSlotReads(String company) {
        if (o.probeRuns <= 0) {
            return;
        }
        MongoCollection<Document> contacts = db.getCollection("contacts");
        Document source = db.getCollection("contact_companies").find(new Document("_id", company)).limit(1).first();
        long slots = number(source.get("slots"));
        List<String> keys = new ArrayList<>();
        for (long slot = 0; slot < slots; slot++) {
            keys.add(company + "#" + slot);
        }
        List<String> ids = new ArrayList<>();
        contacts.find(new Document("company_slot", new Document("$in", keys))).projection(new Document("_id", 1))
                .forEach(d -> ids.add(d.getString("_id")));
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "  slot read probe (median ms to read all %d contacts of the designated company, plain driver):", slots));
        for (int chunk : new int[]{1000, 500, 250, 100, 50, 10}) {
            line.append(String.format(Locale.ROOT, " company_slot $in %d a chunk=%.1f;", chunk,
                    medianMs(() -> readInChunks(contacts, "company_slot", keys, chunk))));
        }
        line.append(String.format(Locale.ROOT, " _id $in 500 a chunk=%.1f;", medianMs(() -> readInChunks(contacts, "_id", ids, 500))));
        line.append(String.format(Locale.ROOT, " _id $in 50 a chunk=%.1f", medianMs(() -> readInChunks(contacts, "_id", ids, 50))));
        log("%s", line.toString().trim());
        figures.add(line.toString());
    }

    private static int readInChunks(MongoCollection<Document> contacts, String field, List<String> values, int chunk) {
        Document projection = new Document();
        NOT_READ.forEach(f -> projection.append(f, 0));
        int n = 0;
        for (int from = 0; from < values.size(); from += chunk) {
            List<String> part = values.subList(from, Math.min(values.size(), from + chunk));
            try (MongoCursor<Document> cursor = contacts.find(new Document(field, new Document("$in", part)))
                    .projection(projection).iterator()) {
                while (cursor.hasNext()) {
                    cursor.next();
                    n++;
                }
            }
        }
        return n;
    }

    private double medianMs(Runnable call) {
        for (int i = 0; i < 3; i++) {
            call.run();
        }
        Latencies l = new Latencies();
        for (int i = 0; i < o.probeRuns; i++) {
            long t0 = System.nanoTime();
            call.run();
            l.add(System.nanoTime() - t0);
        }
        return l.percentile(50) / 1e6;
    }

    /** The first page by number (the default ordering, {@code id}), as uuids. */
    private List<String> page(List<Document> matches) {
        matches.sort(Comparator.comparingLong(d -> number(d.get("number"))));
        return matches.subList(0, Math.min(o.limit, matches.size())).stream().map(d -> d.getString("_id")).toList();
    }

    private List<String> naivePage(MongoCollection<Document> contacts, Bson filter) {
        Document projection = new Document();
        NOT_READ.forEach(field -> projection.append(field, 0));
        List<String> uuids = new ArrayList<>();
        try (MongoCursor<Document> cursor = contacts.find(filter).projection(projection).sort(new Document("number", 1))
                .limit(o.limit + 1).iterator()) {
            while (cursor.hasNext()) {
                String uuid = cursor.next().getString("_id");
                if (uuids.size() < o.limit) {
                    uuids.add(uuid);
                }
            }
        }
        return uuids;
    }

    private ObjectNode contactRequest(String company, boolean withTitle) {
        ObjectNode request = WsConnection.JSON.createObjectNode().put("company_uuid", company);
        if (withTitle) {
            request.put("title", o.title);
        }
        return request;
    }

    // ------------------------------------------------------------------ measuring

    /** One timed call; returns an error code, or null on success. */
    @FunctionalInterface
    private interface Call {
        String run() throws Exception;
    }

    private record Side(Latencies latencies, Map<String, Long> errors) {
        Side() {
            this(new Latencies(), new TreeMap<>());
        }
    }

    private record Result(Side ws, Side store, Side naive) {
    }

    /**
     * Warm-up ({@code warmup} calls of the WebSocket and store sides, alternating, and a few naive calls), then
     * rounds of a block of WebSocket calls, a block of store calls and a share of the naive calls, until
     * {@code requests} of each; the naive calls stop early after {@code naiveMaxS} seconds in all.
     */
    private Result measure(String label, Call ws, Call store, Call naive) {
        log("%s: warm-up %d + %d (+ %d naive)", label, o.warmup, o.warmup, o.naiveWarmup);
        Result warm = new Result(new Side(), new Side(), new Side());
        for (int i = 0; i < o.warmup; i++) {
            timed(ws, 1, warm.ws());
            timed(store, 1, warm.store());
        }
        timed(naive, o.naiveWarmup, warm.naive());
        if (!warm.ws().errors().isEmpty() || !warm.store().errors().isEmpty() || !warm.naive().errors().isEmpty()) {
            log("%s: warm-up errors: ws %s, store %s, naive %s", label, warm.ws().errors(), warm.store().errors(),
                    warm.naive().errors());
        }
        Result r = new Result(new Side(), new Side(), new Side());
        int rounds = (o.requests + o.block - 1) / o.block;
        int naivePerRound = (o.naiveRequests + rounds - 1) / Math.max(1, rounds);
        long naiveNanos = 0;
        for (int done = 0; done < o.requests; done += o.block) {
            int n = Math.min(o.block, o.requests - done);
            timed(ws, n, r.ws());
            timed(store, n, r.store());
            int naiveN = Math.min(naivePerRound, o.naiveRequests - r.naive().latencies().count());
            if (naiveN > 0 && naiveNanos < TimeUnit.SECONDS.toNanos(o.naiveMaxS)) {
                long t0 = System.nanoTime();
                timed(naive, naiveN, r.naive());
                naiveNanos += System.nanoTime() - t0;
            }
        }
        log("%s: ws %s | store %s | naive %s", label, r.ws().latencies().summaryMs(), r.store().latencies().summaryMs(),
                r.naive().latencies().summaryMs());
        return r;
    }

    private static void timed(Call call, int n, Side side) {
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            String error;
            Exception failure = null;
            try {
                error = call.run();
            } catch (Exception e) {
                error = "exception:" + e.getClass().getSimpleName();
                failure = e;
            }
            long t = System.nanoTime() - t0;
            if (error == null) {
                side.latencies().add(t);
            } else if (side.errors().merge(error, 1L, Long::sum) == 1 && failure != null) {
                System.err.println("WARN " + failure);
            }
        }
    }

    private void report(String label, Result r, String naiveName) {
        Latencies ws = r.ws().latencies(), store = r.store().latencies(), naive = r.naive().latencies();
        figures.add(String.format(Locale.ROOT,
                "%1$s_ws_p50=%2$.2f ms %1$s_store_p50=%3$.2f ms ratio_p50(ws/store)=%4$.2f | "
                        + "%1$s_ws_p99=%5$.2f ms %1$s_store_p99=%6$.2f ms ratio_p99(ws/store)=%7$.2f  "
                        + "[n=%8$d+%9$d, ws mean=%10$.2f ms, store mean=%11$.2f ms, errors ws=%12$s store=%13$s]",
                label, ms(ws.percentile(50)), ms(store.percentile(50)), ws.percentile(50) / store.percentile(50),
                ms(ws.percentile(99)), ms(store.percentile(99)), ws.percentile(99) / store.percentile(99),
                ws.count(), store.count(), ms(ws.mean()), ms(store.mean()), r.ws().errors(), r.store().errors()));
        figures.add(String.format(Locale.ROOT,
                "  %1$s_%2$s_p50=%3$.2f ms %1$s_%2$s_p99=%4$.2f ms ratio_p50(ws/%2$s)=%5$.3f  [n=%6$d, mean=%7$.2f ms, errors=%8$s]",
                label, naiveName, ms(naive.percentile(50)), ms(naive.percentile(99)), ws.percentile(50) / naive.percentile(50),
                naive.count(), ms(naive.mean()), r.naive().errors()));
    }

    private static double ms(double nanos) {
        return nanos / 1e6;
    }

    // ------------------------------------------------------------------ helpers

    /** The text {@code check} returns, or the failure: the naive and aggregate reads scan whole collections. */
    private static String attempt(java.util.concurrent.Callable<String> check) {
        try {
            return check.call();
        } catch (Exception e) {
            System.err.println("WARN " + e);
            return "FAILED: " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static String wsCall(WsConnection ws, String action, ObjectNode data) {
        try {
            WsConnection.Answer answer = ws.request(action, data.deepCopy()).get(120, TimeUnit.SECONDS);
            return answer.ok() ? null : answer.errorCode();
        } catch (Exception e) {
            return "exception:" + e.getClass().getSimpleName();
        }
    }

    private static JsonNode answer(WsConnection ws, String action, ObjectNode data) throws Exception {
        WsConnection.Answer answer = ws.request(action, data.deepCopy()).get(120, TimeUnit.SECONDS);
        if (!answer.ok()) {
            throw new IllegalStateException(action + " failed: " + answer.root());
        }
        return answer.data();
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
        if (!"admin".equals(json.path("user").path("role").asText())) {
            throw new IllegalStateException("bench user must be an admin");
        }
        return json.path("access_token").asText();
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    /** Command-line options, {@code --name=value}. */
    static final class Options {
        String baseUrl = "http://127.0.0.1:8000";
        String mongoUri = "mongodb://127.0.0.1:27018";
        String database = "beacon";
        String email;
        String password;
        String writeKey;
        int companies = 100_000;
        int contacts = 500_000;
        int designatedContacts = 1_000;
        String title = "Software Engineer";
        int limit = 25;
        int loadConnections = 8;
        int loadInFlight = 4;
        int loadTimeoutS = 0;
        int estimateAfterS = 30;
        int loadWarnMin = 15;
        int renewAfterS = 600;
        int initialWarmupS = 30;
        int warmup = 50;
        int requests = 300;
        int block = 50;
        int naiveWarmup = 2;
        int naiveRequests = 20;
        int naiveMaxS = 120;
        int probeRuns = 10;
        long seed = 42;

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
                    case "email" -> o.email = v;
                    case "password" -> o.password = v;
                    case "write-key" -> o.writeKey = v;
                    case "companies" -> o.companies = Integer.parseInt(v);
                    case "contacts" -> o.contacts = Integer.parseInt(v);
                    case "designated-contacts" -> o.designatedContacts = Integer.parseInt(v);
                    case "title" -> o.title = v;
                    case "limit" -> o.limit = Integer.parseInt(v);
                    case "load-connections" -> o.loadConnections = Integer.parseInt(v);
                    case "load-in-flight" -> o.loadInFlight = Integer.parseInt(v);
                    case "load-timeout-s" -> o.loadTimeoutS = Integer.parseInt(v);
                    case "estimate-after-s" -> o.estimateAfterS = Integer.parseInt(v);
                    case "load-warn-min" -> o.loadWarnMin = Integer.parseInt(v);
                    case "renew-after-s" -> o.renewAfterS = Integer.parseInt(v);
                    case "initial-warmup-s" -> o.initialWarmupS = Integer.parseInt(v);
                    case "warmup" -> o.warmup = Integer.parseInt(v);
                    case "requests" -> o.requests = Integer.parseInt(v);
                    case "block" -> o.block = Integer.parseInt(v);
                    case "naive-warmup" -> o.naiveWarmup = Integer.parseInt(v);
                    case "naive-requests" -> o.naiveRequests = Integer.parseInt(v);
                    case "naive-max-s" -> o.naiveMaxS = Integer.parseInt(v);
                    case "probe-runs" -> o.probeRuns = Integer.parseInt(v);
                    case "seed" -> o.seed = Long.parseLong(v);
                    default -> throw new IllegalArgumentException("unknown option --" + e.getKey());
                }
            }
            if (o.email == null || o.password == null || o.writeKey == null) {
                throw new IllegalArgumentException("--email, --password and --write-key are required");
            }
            if (o.companies < 2 || o.contacts < 1 || o.requests < 1 || o.block < 1) {
                throw new IllegalArgumentException("need companies >= 2, contacts >= 1, requests >= 1, block >= 1");
            }
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
