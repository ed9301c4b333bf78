package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.beacon.gateway.BeaconApplication;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.assertj.core.api.SoftAssertions;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.beacon.gateway.it.CompaniesReadModelGenerations.collections;
import static io.beacon.gateway.it.CompaniesReadModelGenerations.documents;
import static io.beacon.gateway.it.CompaniesReadModelGenerations.physical;
import static io.beacon.gateway.it.BeaconScenarioSupport.success;
import static io.beacon.gateway.it.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * A blue/green replay under way when Beacon dies goes on after the restart and completes correctly.
 *
 * <ol>
 *   <li>Beacon runs in this JVM on a fresh data directory and takes a history of {@code COMPANIES} companies
 *   (created, updated four times, every tenth deleted; the first 4 % with a contact, created and updated, and
 *   renamed once more) appended straight to the event store; once every processor has caught up, every document
 *   of the companies read model (companies, contacts, contact_companies, company_values_*) of the active
 *   generation is recorded, with {@code count_companies}, and it stops.</li>
 *   <li>Beacon runs as a child process ({@link BeaconProcess}) on that directory and {@code replay_projection
 *   companies} starts; once the replay has handled {@value #KILL_FROM_PERCENT} % of the events (and not
 *   {@value #KILL_BEFORE_PERCENT} %), the process is killed with SIGKILL: nothing is stopped, flushed or cleaned
 *   up.</li>
 *   <li>A new process starts on the same directory. At once the complete old model answers; the replay is under
 *   way again, the same one (replay id, generation), from its kept token rather than from the first event; its
 *   progress (polled, and recorded on {@code system_status} from the new process's start on) is never 0 and never
 *   goes backwards; it completes ({@code status_update completed}, the new generation active); the rebuilt
 *   generation equals the recorded one document for document; the replaced one is dropped after the (short)
 *   grace period; a write afterwards is read back from the new generation.</li>
 * </ol>
 *
 * <p>The history is small, so the replays are slowed down instead ({@link ReplayThrottle}: a few milliseconds
 * more per event, after the read model's own handlers): the replay takes well over 10 s however fast the
 * machine, and the test stays within about two minutes on a busy one.
 *
 * <p>Two things the comparison allows for, both a consequence of events handled a second time after the
 * crash (those past the replay's last stored token):
 * <ul>
 *   <li>The contacts are all near the start of the history, well before where the replay is killed. A crash
 *   between a contact's slot being taken and its document being inserted leaves an unused slot
 *   ({@code ContactProjection}, by design: reads skip it), which would make the rebuilt generation differ from
 *   the recorded one in its slot numbers.</li>
 *   <li>{@code company_values_ledger}: an event handled again marks its company's ledger {@code pending} with
 *   its version even though the ledger has counted it already ({@code CompanyValueCountProjection.count}
 *   raises the mark before it reads the ledger, and only the commit of a counted event clears it). A mark at or
 *   below the ledger's {@code version} never makes anything count again, so such marks are left out on both
 *   sides; any other difference of a ledger still fails.</li>
 * </ul>
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ReplayResumeTest {

    static final int COMPANIES = Integer.getInteger("beacon.test.replay-resume-companies", 450);
    static final int COMPANIES_WITH_CONTACTS = COMPANIES / 25;
    static final int KILL_FROM_PERCENT = 35;
    static final int KILL_BEFORE_PERCENT = 80;
    static final long THROTTLE_MILLIS = 5;
    private static final String PROJECTION = "companies";
    private static final String REPLAY_PROCESSOR = "replay:" + PROJECTION;
    private static final String LEDGER = "company_values_ledger";
    /**
     * Both processes: a short grace period, so the replaced generation is seen dropped; short ticks and small
     * batches for close-grained progress; and every event of a companies replay {@value #THROTTLE_MILLIS} ms
     * slower, so that the replay of this small history takes well over 10 s however fast the machine.
     */
    private static final String[] SETTINGS = Stream.concat(Stream.of(
            "--beacon.projections.replay-grace=PT2S",
            "--beacon.projections.replay-tick=PT0.2S",
            "--beacon.projections.replay-record-every=PT0.5S",
            "--beacon.projections.replay-batch-size=100"),
            Stream.of(ReplayThrottle.arguments(PROJECTION, Duration.ofMillis(THROTTLE_MILLIS))))
            .toArray(String[]::new);
    private static final Duration WAIT = Duration.ofMinutes(2);

    @Test
    void aReplayUnderWayWhenBeaconIsKilledGoesOnAfterTheRestartAndBuildsAnEqualReadModel() throws Exception {
        Path dataDir = TempDirs.create("beacon-replay-resume");
        long t0 = System.nanoTime();

        // 1. The history, projected live; the read model as it stands is what the replay must rebuild.
        Map<String, List<Document>> recorded;
        long companiesBefore;
        long events;
        try (ConfigurableApplicationContext app = startInProcess(dataDir)) {
            events = appendHistory(app.getBean(EventStore.class), "resume-" + UUID.randomUUID().toString().substring(0, 8));
            log(t0, "appended " + events + " events");
            int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            String token = new BeaconRest(port).login(BeaconProcess.ADMIN_EMAIL, BeaconProcess.ADMIN_PASSWORD)
                    .path("access_token").asText();
            try (WsClient ws = WsClient.connect(port, token)) {
                await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(projections(ws).values())
                        .allSatisfy(p -> assertThat(p.path("lag_events").asLong()).as("%s", p).isZero()));
                JsonNode companies = projections(ws).get(PROJECTION);
                assertThat(companies.path("generation").asInt()).as("%s", companies).isZero();
                companiesBefore = success(ws.call("count_companies", obj())).path("count").asLong();
            }
            recorded = documents(app.getBean(MongoClient.class).getDatabase("beacon"), 0);
            log(t0, "projected live; recorded " + sizes(recorded));
        }
        assertThat(companiesBefore).isEqualTo(COMPANIES - COMPANIES / 10);
        assertThat(recorded).containsKeys("companies", "contacts", "contact_companies", "company_values_ledger",
                "company_values_name", "company_values_industry");
        assertThat(recorded.get("companies")).hasSize(COMPANIES);
        assertThat(recorded.get("contacts")).hasSize(COMPANIES_WITH_CONTACTS - COMPANIES_WITH_CONTACTS / 10);

        // 2. A replay, killed midway.
        String replayId;
        int generation;
        long processedAtKill;
        String lastOffsetBeforeKill;
        Instant killedAt;
        try (BeaconProcess beacon = BeaconProcess.start(dataDir, SETTINGS)) {
            log(t0, "child process started on port " + beacon.port());
            String token = beacon.accessToken();
            try (WsClient ws = WsClient.connect(beacon.port(), token);
                 ChannelClient status = ChannelClient.open(beacon.port(), token)) {
                status.connected();
                status.subscribe("system_status");
                JsonNode started = success(ws.call("replay_projection", obj("name", PROJECTION)));
                replayId = started.path("replay_id").asText();
                generation = started.path("generation").asInt();
                assertThat(generation).as("%s", started).isEqualTo(1);
                assertThat(started.path("status").asText()).as("%s", started).isEqualTo("building");
                status.nextEvent("system_status", m -> "status_update".equals(m.path("type").asText())
                        && replayId.equals(m.path("data").path("replay_id").asText())
                        && "replaying".equals(m.path("data").path("status").asText()), "the replay started");
                long deadline = System.nanoTime() + WAIT.toNanos();
                List<Long> polled = new ArrayList<>();
                while (true) {
                    JsonNode replay = projections(ws).get(PROJECTION).path("replay");
                    long processed = replay.path("events_processed").asLong();
                    long total = replay.path("events_total").asLong();
                    polled.add(processed);
                    if (!"building".equals(replay.path("status").asText()) || processed * 100 >= total * KILL_BEFORE_PERCENT) {
                        fail("the replay got too far to be killed midway (polled %s, now %s): slow it down", polled, replay);
                    }
                    if (processed * 100 >= total * KILL_FROM_PERCENT) {
                        processedAtKill = processed;
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        fail("the replay did not get to %d%% within %s; now %s", KILL_FROM_PERCENT, WAIT, replay);
                    }
                    Thread.sleep(100);
                }
                beacon.kill();
                killedAt = Instant.now();
                log(t0, "killed at " + processedAtKill + " of " + events + " events replayed; polled " + polled);
                // The connection died with the process: what it received, it received before the kill.
                List<JsonNode> pushed = status.events();
                lastOffsetBeforeKill = pushed.get(pushed.size() - 1).path("offset").asText();
            }
        }

        // 3. The restart: the old model answers, the replay goes on and completes.
        try (BeaconProcess beacon = BeaconProcess.start(dataDir, SETTINGS)) {
            log(t0, "restarted on port " + beacon.port());
            String token = beacon.accessToken();
            try (WsClient ws = WsClient.connect(beacon.port(), token);
                 ChannelClient status = ChannelClient.open(beacon.port(), token);
                 MongoClient store = MongoClients.create(storeAddress(beacon.port()))) {
                status.connected();
                // From where the killed process left off: what this one recorded while starting comes too.
                status.subscribeSince("system_status", lastOffsetBeforeKill);
                MongoDatabase db = store.getDatabase("beacon");

                // The replay's token was kept: the replay goes on from there, not from the first event.
                long tokenAtRestart = replayTokenPosition(db);
                assertThat(tokenAtRestart).as("the replay's token after the restart").isPositive();
                // The old model answers, complete, while the replay goes on beside it.
                assertThat(success(ws.call("count_companies", obj())).path("count").asLong()).isEqualTo(companiesBefore);
                JsonNode companies = projections(ws).get(PROJECTION);
                assertThat(companies.path("generation").asInt()).as("%s", companies).isZero();
                assertThat(companies.path("status").asText()).as("%s", companies).isEqualTo("replaying");
                JsonNode resumed = companies.path("replay");
                assertThat(resumed.path("replay_id").asText()).as("%s", resumed).isEqualTo(replayId);
                assertThat(resumed.path("generation").asInt()).as("%s", resumed).isEqualTo(generation);
                assertThat(resumed.path("status").asText()).as("%s", resumed).isEqualTo("building");
                assertThat(resumed.path("events_processed").asLong()).as("events_processed at once after the restart, "
                        + "the replay's token being at %d: %s", tokenAtRestart, resumed).isGreaterThanOrEqualTo(tokenAtRestart);
                Document generations = db.getCollection("projection_generations").find(Filters.eq("_id", PROJECTION)).first();
                assertThat(generations).as("projection_generations of companies").isNotNull();
                assertThat(generations.getInteger("active")).as("%s", generations).isZero();
                assertThat(generations.getInteger("building")).as("%s", generations).isEqualTo(generation);
                assertThat(generations.getString("replay_id")).as("%s", generations).isEqualTo(replayId);
                // What the killed process built of the new generation is kept and built on, not dropped.
                assertThat(db.getCollection(physical("companies", generation)).countDocuments())
                        .as("companies of generation %d after the restart", generation).isPositive();
                log(t0, "resumed: token at " + tokenAtRestart + ", list_projections shows " + resumed);

                // Followed to the end: progress only ever goes forward.
                List<Long> progress = new ArrayList<>();
                progress.add(resumed.path("events_processed").asLong());
                JsonNode finished = null;
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (finished == null) {
                    JsonNode now = projections(ws).get(PROJECTION);
                    JsonNode replay = now.path("replay");
                    assertThat(replay.path("replay_id").asText()).as("%s", now).isEqualTo(replayId);
                    assertThat(replay.path("status").asText()).as("%s", now).isIn("building", "switching", "completed");
                    progress.add(replay.path("events_processed").asLong());
                    if ("completed".equals(replay.path("status").asText())) {
                        finished = now;
                    } else if (System.nanoTime() > deadline) {
                        fail("the resumed replay did not complete within %s; now %s", WAIT, now);
                    } else {
                        Thread.sleep(200);
                    }
                }
                log(t0, "completed; events_processed polled after the restart: " + progress);
                assertThat(progress).as("events_processed polled after the restart").isSorted();
                assertThat(finished.path("generation").asInt()).as("%s", finished).isEqualTo(generation);
                assertThat(finished.path("replay").path("events_processed").asLong()).as("%s", finished)
                        .isGreaterThanOrEqualTo(events - 1);
                JsonNode completed = status.nextEvent("system_status", m -> "status_update".equals(m.path("type").asText())
                        && "completed".equals(m.path("data").path("status").asText()), "the replay completed");
                assertThat(completed.path("data").path("replay_id").asText()).as("%s", completed).isEqualTo(replayId);
                assertThat(completed.path("data").path("entity_id").asText()).as("%s", completed).isEqualTo(PROJECTION);
                assertThat(completed.path("data").path("generation").asInt()).as("%s", completed).isEqualTo(generation);
                // What the restarted process recorded, from its start on: never from zero, never backwards.
                List<JsonNode> recordedAfterRestart = status.events().stream()
                        .filter(m -> "replay_progress".equals(m.path("type").asText()))
                        .filter(m -> Instant.parse(m.path("timestamp").asText()).isAfter(killedAt))
                        .toList();
                List<Long> pushed = recordedAfterRestart.stream().map(m -> m.path("data").path("events_processed").asLong())
                        .toList();
                log(t0, "replay_progress recorded after the restart: " + pushed);
                assertThat(recordedAfterRestart).as("replay_progress recorded after the restart").isNotEmpty()
                        .allSatisfy(m -> assertThat(m.path("data").path("replay_id").asText()).isEqualTo(replayId));
                assertThat(pushed).as("events_processed of the replay_progress recorded after the restart")
                        .isSorted().allSatisfy(processed -> assertThat(processed).isPositive());

                // The replaced generation goes after the grace period; the rebuilt one equals it as recorded.
                await().atMost(WAIT).untilAsserted(() -> assertThat(collections(db, 0))
                        .as("generation 0 of the companies read model").isEmpty());
                Map<String, List<Document>> rebuilt = documents(db, generation);
                withoutSpentMarks(rebuilt.get(LEDGER));
                withoutSpentMarks(recorded.get(LEDGER));
                assertThat(rebuilt.keySet()).isEqualTo(recorded.keySet());
                SoftAssertions softly = new SoftAssertions();
                for (String collection : recorded.keySet()) {
                    softly.assertThat(differences(rebuilt.get(collection), recorded.get(collection)))
                            .as("%s: documents of the rebuilt generation that differ from the recorded ones (%d rebuilt, "
                                    + "%d recorded)", collection, rebuilt.get(collection).size(), recorded.get(collection).size())
                            .isEmpty();
                }
                softly.assertAll();
                assertThat(db.getCollection("trackingtokens").countDocuments(Filters.eq("processorName", REPLAY_PROCESSOR)))
                        .as("tokens of %s left", REPLAY_PROCESSOR).isZero();
                assertThat(success(ws.call("count_companies", obj())).path("count").asLong()).isEqualTo(companiesBefore);

                // The live processor goes on in the new generation: a write now is read back.
                String name = "After Resume " + UUID.randomUUID();
                JsonNode created = success(ws.call("create_company", obj("write_key", BeaconProcess.WRITE_KEY,
                        "name", name)));
                String uuid = created.path("uuid").asText();
                assertThat(success(ws.call("get_company", obj("company_uuid", uuid))).path("name").asText()).isEqualTo(name);
                assertThat(success(ws.call("count_companies", obj())).path("count").asLong()).isEqualTo(companiesBefore + 1);
                assertThat(db.getCollection(physical("companies", generation)).countDocuments(Filters.eq("_id", uuid)))
                        .isEqualTo(1);
                log(t0, "done");
            }
        }
    }

    /**
     * Leaves out the {@code pending} mark of ledgers that have counted the event it names already: one that
     * never makes anything count again (see the class comment).
     */
    private static void withoutSpentMarks(List<Document> ledgers) {
        for (Document ledger : ledgers) {
            if (ledger.get("pending") instanceof Number pending && ledger.get("version") instanceof Number version
                    && pending.longValue() <= version.longValue()) {
                ledger.remove("pending");
            }
        }
    }

    /** The documents that differ between two lists, by {@code _id}: the first few, rather than every document. */
    private static List<String> differences(List<Document> actual, List<Document> expected) {
        Map<String, Document> byId = new TreeMap<>();
        actual.forEach(d -> byId.put(String.valueOf(d.get("_id")), d));
        List<String> differences = new ArrayList<>();
        int count = 0;
        for (Document want : expected) {
            Document got = byId.remove(String.valueOf(want.get("_id")));
            if (!want.equals(got) && count++ < 5) {
                differences.add("expected " + want.toJson() + "\n   but was " + (got == null ? "missing" : got.toJson()));
            }
        }
        count += byId.size();
        byId.values().stream().limit(5).forEach(extra -> differences.add("unexpected " + extra.toJson()));
        if (count > differences.size()) {
            differences.add("... " + count + " documents differ in all");
        }
        return differences;
    }

    private static ConfigurableApplicationContext startInProcess(Path dataDir) {
        return new SpringApplicationBuilder(BeaconApplication.class).run(
                "--server.port=0",
                "--beacon.mongodb-uri=",
                "--beacon.data-dir=" + dataDir,
                "--beacon.embedded-mongo-port=0",
                "--beacon.write-key=" + BeaconProcess.WRITE_KEY,
                "--beacon.auth.jwt-secret=",
                "--beacon.auth.admin-email=" + BeaconProcess.ADMIN_EMAIL,
                "--beacon.auth.admin-password=" + BeaconProcess.ADMIN_PASSWORD);
    }

    /** The embedded store of the Beacon on {@code port}, as its health endpoint names it. */
    private static String storeAddress(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                .uri(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        String address = WsClient.JSON.readTree(response.body()).path("components").path("store").path("details")
                .path("address").asText();
        assertThat(address).as("the store's address in %s", response.body()).startsWith("mongodb://127.0.0.1:");
        return address;
    }

    /** The position in the replay's stored token (Jackson-serialized {@code GlobalSequenceTrackingToken}), 0 if none. */
    private static long replayTokenPosition(MongoDatabase db) throws Exception {
        Document token = db.getCollection("trackingtokens").find(Filters.eq("processorName", REPLAY_PROCESSOR)).first();
        assertThat(token).as("the token of %s", REPLAY_PROCESSOR).isNotNull();
        Object raw = token.get("token");
        if (raw == null) {
            return 0;
        }
        byte[] bytes = raw instanceof Binary binary ? binary.getData() : (byte[]) raw;
        return WsClient.JSON.readTree(new String(bytes, StandardCharsets.UTF_8)).path("globalIndex").asLong();
    }

    private static Map<String, JsonNode> projections(WsClient ws) {
        Map<String, JsonNode> byName = new TreeMap<>();
        success(ws.call("list_projections", obj())).path("projections").forEach(p -> byName.put(p.path("name").asText(), p));
        return byName;
    }

    private static String sizes(Map<String, List<Document>> readModel) {
        Map<String, Integer> sizes = new TreeMap<>();
        readModel.forEach((collection, documents) -> sizes.put(collection, documents.size()));
        return sizes.toString();
    }

    /**
     * Appends the history straight to the event store, as the aggregates would have: per company a creation
     * and four updates, every tenth deleted; the first {@code COMPANIES_WITH_CONTACTS} companies (none of
     * them deleted, so the contact cascade adds nothing) each with a contact, created and updated, and renamed
     * once more after it so the rename reaches the contact. Answers the number of events.
     */
    private static long appendHistory(EventStore eventStore, String tag) {
        BulkHistory history = new BulkHistory(eventStore, tag);
        for (int i = 0; i < COMPANIES; i++) {
            long number = 60_000_000L + i;
            long sequence = history.companyLife(i, number);
            if (i < COMPANIES_WITH_CONTACTS && i % 10 != 9) {
                history.contactLife(i, number);
                history.companyRenamed(i, sequence++, tag + "-renamed-" + i, tag + "-with-contact-" + i);
            }
            if (i % 10 == 9) {
                history.companyDeleted(i, sequence);
            }
        }
        return history.flush();
    }

    private static void log(long t0, String what) {
        System.out.printf("[ReplayResumeTest +%d ms] %s%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), what);
    }
}
