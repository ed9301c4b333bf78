package io.beacon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import static io.beacon.bench.BeaconBench.log;

/**
 * The measurement of issue 6 (live feeds on the channel endpoint {@code /api/v1/ws}), black-box like the other
 * mains. Two modes, each on its own Beacon (see {@code bench/feeds.sh}):
 * <ul>
 *   <li>{@code push}: {@code subscribers} channel connections (one shared user token) and a writer sending
 *       {@code update_company} (a rename) on a few pre-created companies at {@code writes-per-s}, in alternating
 *       blocks: U (connected, not subscribed) and S (all subscribed to {@code companies}). Push latency = a
 *       subscriber's receipt of the event (matched by {@code data.request_id}) minus the arrival of the write's
 *       answer at the writer; fan-out = first to last subscriber receipt of one event. Baselines of the same run:
 *       {@code ping}→{@code pong} round trips on the same subscriber connections under the same write load, and
 *       the write answer latency of the U blocks.</li>
 *   <li>{@code idle}: idle authenticated connections opened in batches up to a cap; after each batch a ping on a
 *       fresh connection must be answered within {@code idle-probe-timeout-ms}; Beacon's heap (after a forced GC)
 *       and the fan-out of one write to all of them are read.</li>
 * </ul>
 * Receipt timestamps are taken first thing in the listener; the hot path only copies the text and finds the
 * request id with {@code indexOf}, no JSON parsing. Options are {@code --name=value}; see {@link Options}.
 */
public final class FeedBench {

    private static final String REQUEST_ID_KEY = "\"request_id\":\"";

    private final Options o;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final HttpClient writerHttp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final HttpClient probeHttp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<HttpClient> subscriberHttp = new ArrayList<>();
    private final List<String> figures = new ArrayList<>();
    /** Every event with a {@code w<seq>} request id, any subscriber, since start. */
    private final LongAdder received = new LongAdder();
    private final AtomicInteger nextWrite = new AtomicInteger();
    private final AtomicInteger nextPing = new AtomicInteger();
    private final AtomicInteger nextReply = new AtomicInteger();
    private long[] sentNanos;
    private long[] answerNanos;
    /** The write's event timestamp (the answer's {@code updated_at}, ms resolution), epoch µs; 0 if unknown. */
    private long[] eventMicros;
    /** Epoch µs minus System.nanoTime()/1000, taken once: turns receipt nanos into wall-clock µs off the hot path. */
    private final long wallOffsetMicros = epochMicros() - System.nanoTime() / 1_000;
    private AtomicLongArray pingSent;
    private AtomicLongArray pingReceived;
    private String adminToken;
    private final BeaconHttp beacon;
    private List<String> companyUuids = List.of();
    private List<WsConnection> writers = new ArrayList<>();

    private FeedBench(Options o) {
        this.o = o;
        this.beacon = new BeaconHttp(o.baseUrl);
        for (int i = 0; i < o.clients; i++) {
            subscriberHttp.add(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
        }
    }

    public static void main(String[] args) {
        Options o = Options.parse(args);
        FeedBench bench = new FeedBench(o);
        int rc = 0;
        try {
            if ("push".equals(o.mode)) {
                bench.push();
            } else {
                bench.idle();
            }
        } catch (Exception e) {
            e.printStackTrace();
            bench.figures.add("FAILED (" + o.mode + "): " + e);
            rc = 1;
        }
        System.out.println();
        System.out.println("==== RESULTS (" + o.mode + ") ====");
        bench.figures.forEach(System.out::println);
        if (o.figuresOut != null) {
            try {
                Files.write(Path.of(o.figuresOut), bench.figures);
            } catch (IOException e) {
                System.err.println("WARN cannot write " + o.figuresOut + ": " + e);
            }
        }
        System.exit(rc);
    }

    // ------------------------------------------------------------------ push latency

    private record Phase(String kind, double rate, int fromWrite, int toWrite, double sendSeconds, long ok,
                         Map<String, Long> errors, int fromPing, int toPing, double clientCpu, double beaconCpu) {
        double achieved() {
            return ok / sendSeconds;
        }
    }

    /** Pooled figures of one rate's U or S blocks. */
    private static final class Pool {
        final Latencies answer = new Latencies();
        final Latencies ping = new Latencies();
        /** Receipt minus the answer's arrival at the writer (negative: the push came first), ns. */
        final Latencies push = new Latencies(1 << 16);
        /** Receipt minus the write's send, ns. */
        final Latencies pushFromSend = new Latencies(1 << 16);
        /** Receipt minus the event timestamp, wall clock, µs (the timestamp has ms resolution). */
        final Latencies pushFromEvent = new Latencies(1 << 16);
        /** The write's send to its event timestamp, and the event timestamp to the answer, wall clock, µs. */
        final Latencies sendToEvent = new Latencies();
        final Latencies eventToAnswer = new Latencies();
        final Latencies fanout = new Latencies();
        final Map<String, Long> errors = new TreeMap<>();
        final List<String> rates = new ArrayList<>();
        long ok;
        double seconds;
        long pairsExpected;
        long pairsReceived;
        long pushBeforeAnswer;
        long eventsComplete;
        long events;
        long pingsLost;
        /** The fewest subscriber connections of a block. */
        int subscribers = Integer.MAX_VALUE;
        double clientCpu;
        double beaconCpu;

        double achieved() {
            return ok / seconds;
        }
    }

    private void push() throws Exception {
        log("push: beacon=%s subscribers=%d writes_per_s=%d duration=%ds x %d rounds warmup=%ds companies=%d "
                        + "writer_connections=%d in_flight=%d ping_per_s=%.1f clients=%d", o.baseUrl, o.subscribers,
                o.writesPerS, o.durationS, o.rounds, o.warmupS, o.companies, o.writerConnections(), o.writeInFlight,
                o.pingPerS(), o.clients);
        int capacity = (int) Math.min(50_000_000L,
                (long) o.writesPerS * (o.warmupS + 2L * o.rounds * o.durationS) * 2 + 10_000);
        sentNanos = new long[capacity];
        answerNanos = new long[capacity];
        eventMicros = new long[capacity];
        int pings = (int) (o.pingPerS() * (4L * o.rounds * o.durationS + 60)) + 10_000;
        pingSent = new AtomicLongArray(pings);
        pingReceived = new AtomicLongArray(pings);

        adminToken = beacon.loginAdmin(o.email, o.password);
        String userEmail = "feed-" + UUID.randomUUID().toString().substring(0, 8) + "@bench.local";
        String userToken = beacon.register(userEmail, "feed-" + UUID.randomUUID(), "Feed Subscriber");
        openWriters();
        createCompanies(o.companies);

        long t0 = System.nanoTime();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Sub> subs = open(subscriberHttp, o.subscribers, userToken, false, failures);
        double openS = (System.nanoTime() - t0) / 1e9;
        log("opened %d of %d subscriber connections in %.1fs%s", subs.size(), o.subscribers, openS,
                failures.isEmpty() ? "" : ", failures: " + summarize(failures));
        if (subs.size() < o.subscribers) {
            throw new IllegalStateException("only " + subs.size() + " of " + o.subscribers + " subscriber connections opened: "
                    + summarize(failures));
        }
        String setup = String.format(Locale.ROOT, "setup: %d subscriber connections (user token of a registered user, "
                        + "%d HttpClients) opened in %.1fs; writer: admin, %d connections, <= %d writes in flight, "
                        + "update_company (rename) round-robin over %d companies; ping probes %.1f/s round-robin over the subscribers",
                subs.size(), o.clients, openS, o.writerConnections(), o.writeInFlight, o.companies, o.pingPerS());
        figures.add(setup);

        List<Sub> live = subscribeAll(subs, true);
        log("warm-up: %ds at %d writes/s, subscribed", o.warmupS, o.writesPerS);
        Phase warm = writes("warm-up", o.writesPerS, o.warmupS, live, false);
        drain(live, warm);
        log("warm-up: %.1f writes/s achieved, errors=%s", warm.achieved(), warm.errors());
        discard(live);

        Pool[] first = rounds(subs, o.writesPerS);
        report(o.writesPerS, first);
        double achieved = Math.min(first[0].achieved(), first[1].achieved());
        if (o.fallbackBelow > 0 && achieved < o.fallbackBelow * o.writesPerS) {
            int rate = Math.max(1, (int) Math.floor(achieved));
            log("achieved %.1f writes/s < %.0f %% of the target: again at %d writes/s", achieved, o.fallbackBelow * 100, rate);
            figures.add(String.format(Locale.ROOT, "-- the target %d writes/s was not reached (%.1f/s): the same rounds at "
                    + "the achieved rate, %d writes/s", o.writesPerS, achieved, rate));
            Pool[] second = rounds(subs, rate);
            report(rate, second);
        }
        subscriberHealth(subs);
        subs.forEach(Sub::abort);
        writers.forEach(WsConnection::close);
    }

    /**
     * {@code rounds} times U (connected, not subscribed) then S (subscribed); returns {U, S} pooled. Each block
     * uses the subscribers still open that answered its (un)subscribe: one the server cut off (too slow) is left out.
     */
    private Pool[] rounds(List<Sub> all, int rate) throws Exception {
        Pool u = new Pool();
        Pool s = new Pool();
        for (int round = 1; round <= o.rounds; round++) {
            List<Sub> subs = subscribeAll(all, false);
            u.subscribers = Math.min(u.subscribers, subs.size());
            Thread.sleep(500);
            log("round %d U: %ds at %d writes/s, %d connections not subscribed", round, o.durationS, rate, subs.size());
            Phase pu = writes("U", rate, o.durationS, subs, true);
            collect(u, pu, null);
            log("round %d U: %.1f writes/s, answer %s, ping %s", round, pu.achieved(), u.answer.summaryMs(), u.ping.summaryMs());

            subs = subscribeAll(subs, true);
            s.subscribers = Math.min(s.subscribers, subs.size());
            discard(subs);
            log("round %d S: %ds at %d writes/s, %d connections subscribed to companies", round, o.durationS, rate, subs.size());
            Phase ps = writes("S", rate, o.durationS, subs, true);
            drain(subs, ps);
            collect(s, ps, subs);
            log("round %d S: %.1f writes/s, push (pooled) %s, pairs %d/%d", round, ps.achieved(), s.push.summaryMs(),
                    s.pairsReceived, s.pairsExpected);
        }
        return new Pool[]{u, s};
    }

    /**
     * Sends {@code update_company} at {@code rate} for {@code seconds} (open loop: a send every 1/rate s, unless
     * {@code write-in-flight} writes are outstanding; a schedule fallen behind by more than 50 ms is reset rather
     * than caught up in a burst), and pings at {@code ping-per-s} on the subscribers if {@code ping}. Returns after
     * every write is answered (or timed out).
     */
    private Phase writes(String kind, int rate, int seconds, List<Sub> subs, boolean ping) throws InterruptedException {
        Semaphore inFlight = new Semaphore(o.writeInFlight);
        LongAdder ok = new LongAdder();
        Map<String, Long> errors = new ConcurrentHashMap<>();
        int fromWrite = nextWrite.get();
        int fromPing = nextPing.get();
        double clientCpu0 = clientCpu();
        double beaconCpu0 = beaconCpu();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        Thread pinger = null;
        if (ping && !subs.isEmpty()) {
            pinger = new Thread(() -> pinger(subs, end), "pinger");
            pinger.setDaemon(true);
            pinger.start();
        }
        long interval = (long) (1e9 / rate);
        long next = start;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            if (next > now) {
                LockSupport.parkNanos(next - now);
                continue;
            }
            if (!inFlight.tryAcquire(end - now, TimeUnit.NANOSECONDS)) {
                break;
            }
            int seq = nextWrite.getAndIncrement();
            if (seq >= sentNanos.length) {
                inFlight.release();
                errors.merge("not_sent:capacity", 1L, Long::sum);
                break;
            }
            WsConnection writer = writer(seq);
            ObjectNode data = WsConnection.JSON.createObjectNode()
                    .put("write_key", o.writeKey)
                    .put("company_uuid", companyUuids.get(seq % companyUuids.size()))
                    .put("name", "Feed Bench " + seq);
            sentNanos[seq] = System.nanoTime();
            writer.request("update_company", "w" + seq, data).orTimeout(120, TimeUnit.SECONDS).whenComplete((answer, failure) -> {
                if (failure != null) {
                    errors.merge("exception:" + failure.getClass().getSimpleName(), 1L, Long::sum);
                } else if (!answer.ok()) {
                    if (errors.merge(answer.errorCode(), 1L, Long::sum) <= 3) {
                        System.err.println("WARN update_company failed: " + answer.root());
                    }
                } else {
                    eventMicros[seq] = eventMicros(answer);
                    answerNanos[seq] = answer.receivedNanos();
                    ok.increment();
                }
                inFlight.release();
            });
            next += interval;
            if (System.nanoTime() - next > 50_000_000L) {
                next = System.nanoTime();
            }
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        int toWrite = nextWrite.get();
        if (!inFlight.tryAcquire(o.writeInFlight, 180, TimeUnit.SECONDS)) {
            errors.merge("unanswered_after_180s", (long) o.writeInFlight - inFlight.availablePermits(), Long::sum);
        } else {
            inFlight.release(o.writeInFlight);
        }
        if (pinger != null) {
            pinger.join(10_000);
            Thread.sleep(1_000);   // late pongs
        }
        return new Phase(kind, rate, Math.min(fromWrite, toWrite), Math.min(toWrite, sentNanos.length), sendSeconds,
                ok.sum(), new TreeMap<>(errors), fromPing, Math.min(nextPing.get(), pingSent.length()),
                clientCpu() - clientCpu0, beaconCpu() - beaconCpu0);
    }

    /** {@code ping} round-robin over the subscribers at {@code ping-per-s} until {@code end}. */
    private void pinger(List<Sub> subs, long end) {
        long interval = (long) (1e9 / o.pingPerS());
        long next = System.nanoTime();
        int i = 0;
        while (System.nanoTime() < end) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            Sub sub = subs.get(i++ % subs.size());
            if (!sub.isOpen()) {
                continue;
            }
            int n = nextPing.getAndIncrement();
            if (n >= pingSent.length()) {
                return;
            }
            pingSent.set(n, System.nanoTime());
            sub.send("{\"type\":\"ping\",\"request_id\":\"p" + n + "\"}");
            next += interval;
        }
    }

    /** Waits until every subscriber got every answered write of {@code phase}, or receipts stop for 2 s. */
    private void drain(List<Sub> subs, Phase phase) throws InterruptedException {
        long expected = 0;
        for (int seq = phase.fromWrite(); seq < phase.toWrite(); seq++) {
            if (answerNanos[seq] != 0) {
                expected += subs.size();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.drainMaxS);
        long last = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long have = subs.stream().mapToLong(Sub::recorded).sum();
            if (have >= expected) {
                return;
            }
            if (have != last) {
                last = have;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > 2_000_000_000L) {
                log("drain: receipts stopped at %d of %d", have, expected);
                return;
            }
            Thread.sleep(50);
        }
        log("drain: gave up after %ds", o.drainMaxS);
    }

    private void discard(List<Sub> subs) {
        subs.forEach(Sub::takeRecords);
    }

    /** Adds a phase to its pool; for an S phase ({@code subs} given) also the push pairs and fan-out. */
    private void collect(Pool pool, Phase phase, List<Sub> subs) {
        pool.ok += phase.ok();
        pool.seconds += phase.sendSeconds();
        pool.clientCpu += phase.clientCpu();
        pool.beaconCpu += phase.beaconCpu();
        pool.rates.add(String.format(Locale.ROOT, "%.1f", phase.achieved()));
        phase.errors().forEach((k, v) -> pool.errors.merge(k, v, Long::sum));
        for (int seq = phase.fromWrite(); seq < phase.toWrite(); seq++) {
            if (answerNanos[seq] != 0) {
                pool.answer.add(answerNanos[seq] - sentNanos[seq]);
                if (eventMicros[seq] != 0) {
                    pool.sendToEvent.add(eventMicros[seq] - wall(sentNanos[seq]));
                    pool.eventToAnswer.add(wall(answerNanos[seq]) - eventMicros[seq]);
                }
            }
        }
        for (int n = phase.fromPing(); n < phase.toPing(); n++) {
            long got = pingReceived.get(n);
            if (got != 0) {
                pool.ping.add(got - pingSent.get(n));
            } else {
                pool.pingsLost++;
            }
        }
        if (subs == null) {
            return;
        }
        int from = phase.fromWrite();
        int span = phase.toWrite() - from;
        long[] first = new long[span];
        long[] last = new long[span];
        int[] count = new int[span];
        Arrays.fill(first, Long.MAX_VALUE);
        Arrays.fill(last, Long.MIN_VALUE);
        for (Sub sub : subs) {
            Sub.Records r = sub.takeRecords();
            for (int i = 0; i < r.size(); i++) {
                int seq = r.seqs()[i];
                if (seq < from || seq >= phase.toWrite() || answerNanos[seq] == 0) {
                    continue;
                }
                long t = r.nanos()[i];
                long latency = t - answerNanos[seq];
                pool.push.add(latency);
                pool.pushFromSend.add(t - sentNanos[seq]);
                if (eventMicros[seq] != 0) {
                    pool.pushFromEvent.add(wall(t) - eventMicros[seq]);
                }
                pool.pairsReceived++;
                if (latency < 0) {
                    pool.pushBeforeAnswer++;
                }
                int k = seq - from;
                first[k] = Math.min(first[k], t);
                last[k] = Math.max(last[k], t);
                count[k]++;
            }
        }
        for (int k = 0; k < span; k++) {
            if (answerNanos[from + k] == 0) {
                continue;
            }
            pool.events++;
            pool.pairsExpected += subs.size();
            if (count[k] == subs.size()) {
                pool.eventsComplete++;
                pool.fanout.add(last[k] - first[k]);
            }
        }
    }

    private void report(int target, Pool[] pools) {
        Pool u = pools[0];
        Pool s = pools[1];
        int subscribers = s.subscribers;
        double[] fromSend = s.pushFromSend.percentiles(50, 99, 100);
        double[] fromAnswer = s.push.percentiles(50, 99, 100);
        double[] fromEvent = s.pushFromEvent.percentiles(50, 99, 100);
        double[] pingS = s.ping.percentiles(50, 99);
        double[] pingU = u.ping.percentiles(50, 99);
        double[] ansS = s.answer.percentiles(50, 99);
        double[] ansU = u.answer.percentiles(50, 99);
        double[] fan = s.fanout.percentiles(50, 99);
        double[] toEvent = s.sendToEvent.percentiles(50, 99);
        double[] toAnswer = s.eventToAnswer.percentiles(50, 99);
        String at = "@" + target;
        figures.add(String.format(Locale.ROOT, "-- target %d writes/s, %d subscribers, %d rounds x (U %ds + S %ds)",
                target, subscribers, o.rounds, o.durationS, o.durationS));
        figures.add(String.format(Locale.ROOT,
                "write_rate%1$s_S=%2$.1f/s write_rate%1$s_U=%3$.1f/s  [per round S %4$s, U %5$s; ok S=%6$d U=%7$d; errors S=%8$s U=%9$s]",
                at, s.achieved(), u.achieved(), s.rates, u.rates, s.ok, u.ok, s.errors, u.errors));
        figures.add(String.format(Locale.ROOT,
                "push%1$s_from_send_p50=%2$.2f ms push%1$s_from_send_p99=%3$.2f ms push%1$s_from_send_max=%4$.2f ms | "
                        + "write_answer%1$s_S_p50=%5$.2f ms write_answer%1$s_S_p99=%6$.2f ms | "
                        + "ratio_p50(push/answer)=%7$.2f ratio_p99(push/answer)=%8$.2f  "
                        + "[pairs received %9$d of %10$d (%11$.3f %%)]",
                at, ms(fromSend[0]), ms(fromSend[1]), ms(fromSend[2]), ms(ansS[0]), ms(ansS[1]),
                fromSend[0] / ansS[0], fromSend[1] / ansS[1],
                s.pairsReceived, s.pairsExpected, 100.0 * s.pairsReceived / Math.max(1, s.pairsExpected)));
        figures.add(String.format(Locale.ROOT,
                "push%1$s_from_answer_p50=%2$.2f ms push%1$s_from_answer_p99=%3$.2f ms push%1$s_from_answer_max=%4$.2f ms  "
                        + "[receipt minus the answer's arrival at the writer; push before answer in %5$.1f %% of pairs]",
                at, ms(fromAnswer[0]), ms(fromAnswer[1]), ms(fromAnswer[2]),
                100.0 * s.pushBeforeAnswer / Math.max(1, s.pairsReceived)));
        figures.add(String.format(Locale.ROOT,
                "push%1$s_from_event_p50=%2$.1f ms push%1$s_from_event_p99=%3$.1f ms push%1$s_from_event_max=%4$.1f ms | "
                        + "ping_rtt%1$s_S_p50=%5$.2f ms ping_rtt%1$s_S_p99=%6$.2f ms | "
                        + "ratio_p50(push_from_event/ping)=%7$.1f ratio_p99(push_from_event/ping)=%8$.1f  "
                        + "[event timestamp → receipt, wall clock, ms resolution; pings n=%9$d lost=%10$d]",
                at, fromEvent[0] / 1e3, fromEvent[1] / 1e3, fromEvent[2] / 1e3, ms(pingS[0]), ms(pingS[1]),
                fromEvent[0] / 1e3 / ms(pingS[0]), fromEvent[1] / 1e3 / ms(pingS[1]), s.ping.count(), s.pingsLost));
        figures.add(String.format(Locale.ROOT,
                "  write%1$s_S breakdown (wall clock, ms resolution): send→event timestamp p50=%2$.1f ms p99=%3$.1f ms; "
                        + "event timestamp→answer p50=%4$.1f ms p99=%5$.1f ms",
                at, toEvent[0] / 1e3, toEvent[1] / 1e3, toAnswer[0] / 1e3, toAnswer[1] / 1e3));
        figures.add(String.format(Locale.ROOT,
                "fanout%1$s_p50=%2$.2f ms fanout%1$s_p99=%3$.2f ms  [first to last of %4$d subscribers, events complete %5$d of %6$d]",
                at, ms(fan[0]), ms(fan[1]), subscribers, s.eventsComplete, s.events));
        figures.add(String.format(Locale.ROOT,
                "write_answer%1$s_S_p50=%2$.2f ms write_answer%1$s_U_p50=%3$.2f ms ratio_p50(S/U)=%4$.2f | "
                        + "write_answer%1$s_S_p99=%5$.2f ms write_answer%1$s_U_p99=%6$.2f ms ratio_p99(S/U)=%7$.2f  [n=%8$d+%9$d]",
                at, ms(ansS[0]), ms(ansU[0]), ansS[0] / ansU[0], ms(ansS[1]), ms(ansU[1]), ansS[1] / ansU[1],
                s.answer.count(), u.answer.count()));
        figures.add(String.format(Locale.ROOT,
                "ping_rtt%1$s_S_p50=%2$.2f ms ping_rtt%1$s_U_p50=%3$.2f ms ratio_p50(S/U)=%4$.2f | "
                        + "ping_rtt%1$s_S_p99=%5$.2f ms ping_rtt%1$s_U_p99=%6$.2f ms ratio_p99(S/U)=%7$.2f  [n=%8$d+%9$d, lost %10$d+%11$d]",
                at, ms(pingS[0]), ms(pingU[0]), pingS[0] / pingU[0], ms(pingS[1]), ms(pingU[1]), pingS[1] / pingU[1],
                s.ping.count(), u.ping.count(), s.pingsLost, u.pingsLost));
        figures.add(String.format(Locale.ROOT,
                "  cpu%1$s (cores busy, of %2$d): beacon S=%3$s U=%4$s | client S=%5$.2f U=%6$.2f",
                at, Runtime.getRuntime().availableProcessors(), cores(s.beaconCpu, s.seconds), cores(u.beaconCpu, u.seconds),
                s.clientCpu / s.seconds, u.clientCpu / u.seconds));
    }

    private void subscriberHealth(List<Sub> subs) {
        Map<String, Long> problems = new TreeMap<>();
        for (Sub sub : subs) {
            sub.problems.forEach((k, v) -> problems.merge(k, v.sum(), Long::sum));
            if (!sub.isOpen()) {
                problems.merge("closed:" + sub.closedBy, 1L, Long::sum);
            }
        }
        figures.add("subscribers: " + (problems.isEmpty() ? "all open, no errors, nothing unexpected" : problems.toString()));
    }

    /**
     * Subscribes (or unsubscribes) every open connection to {@code companies} and waits for the answers; returns
     * the connections that answered as asked. Fails if fewer than half did.
     */
    private List<Sub> subscribeAll(List<Sub> subs, boolean subscribe) throws Exception {
        List<Sub> asked = new ArrayList<>();
        List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
        for (Sub sub : subs) {
            if (sub.isOpen()) {
                asked.add(sub);
                answers.add(sub.subscribe(subscribe, "r" + nextReply.incrementAndGet()));
            }
        }
        String want = subscribe ? "subscribed" : "unsubscribed";
        Map<String, Long> wrong = new TreeMap<>();
        List<Sub> done = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            try {
                JsonNode root = answers.get(i).get(60, TimeUnit.SECONDS);
                if (want.equals(root.path("type").asText())) {
                    done.add(asked.get(i));
                } else {
                    wrong.merge(root.path("type").asText() + ":" + root.path("data").path("error_code").asText(), 1L, Long::sum);
                }
            } catch (Exception e) {
                wrong.merge("failed:" + (e.getCause() != null ? e.getCause() : e), 1L, Long::sum);
            }
        }
        if (done.size() < subs.size()) {
            log("WARN %s: %d of %d connections (%d were closed; %s)", want, done.size(), subs.size(),
                    subs.size() - asked.size(), wrong);
        }
        if (done.size() * 2 < subs.size()) {
            throw new IllegalStateException((subscribe ? "subscribe" : "unsubscribe") + " failed: " + done.size() + " of "
                    + subs.size() + " answered; " + wrong);
        }
        return done;
    }

    // ------------------------------------------------------------------ idle capacity

    private void idle() throws Exception {
        int cap = o.idleCap;
        List<String> capReasons = new ArrayList<>();
        capReasons.add("IDLE_CAP " + o.idleCap);
        if (o.fdLimit > 0 && o.fdLimit - 512 < cap) {
            cap = o.fdLimit - 512;
            capReasons.add("open files limit " + o.fdLimit + " - 512");
        }
        int ports = ephemeralPorts();
        if (ports > 0 && ports - 1024 < cap) {
            cap = ports - 1024;
            capReasons.add(ports + " ephemeral ports - 1024");
        }
        log("idle: beacon=%s cap=%d (%s) batch=%d subscribed=%s probe timeout=%d ms", o.baseUrl, cap,
                String.join(", ", capReasons), o.idleBatch, o.idleSubscribe, o.idleProbeTimeoutMs);
        sentNanos = new long[10_000];
        answerNanos = new long[10_000];
        eventMicros = new long[10_000];
        pingSent = new AtomicLongArray(1);
        pingReceived = new AtomicLongArray(1);
        adminToken = beacon.loginAdmin(o.email, o.password);
        String userToken = beacon.register("idle-" + UUID.randomUUID().toString().substring(0, 8) + "@bench.local",
                "idle-" + UUID.randomUUID(), "Idle Subscriber");
        openWriters();
        createCompanies(1);

        // Warm the paths once (open, subscribe, ping, write, fan-out) before the baseline heap.
        List<String> warmFailures = Collections.synchronizedList(new ArrayList<>());
        List<Sub> warm = open(subscriberHttp, Math.min(100, cap), userToken, o.idleSubscribe, warmFailures);
        probe(userToken);
        if (o.idleSubscribe) {
            fanout(warm);
        }
        warm.forEach(Sub::close);
        Thread.sleep(1_000);

        String heapSource = heapSource();
        double heap0 = heapMb();
        Probe p0 = probe(userToken);
        log("idle baseline: 0 connections, heap %s MB (%s), probe %s", fmt(heap0), heapSource, p0);
        figures.add(String.format(Locale.ROOT, "idle setup: Beacon -Xmx%s, connections %s to companies, authenticated "
                        + "with one user token, batches of %d, cap %d (%s); heap = %s%s", o.beaconHeap,
                o.idleSubscribe ? "subscribed" : "not subscribed", o.idleBatch, cap, String.join(", ", capReasons),
                heapSource, o.idleGc && o.beaconPid > 0 ? " after jcmd GC.run" : " (no forced GC)"));

        List<Sub> held = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        String stop = "cap reached";
        int goodConnections = 0;
        double goodHeap = Double.NaN;
        Fanout goodFanout = null;
        Probe goodProbe = p0;
        while (held.size() < cap) {
            int n = Math.min(o.idleBatch, cap - held.size());
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            long t0 = System.nanoTime();
            List<Sub> batch = open(subscriberHttp, n, userToken, o.idleSubscribe, failures);
            held.addAll(batch);
            double openS = (System.nanoTime() - t0) / 1e9;
            long closed = held.stream().filter(s -> !s.isOpen()).count();
            if (!failures.isEmpty() || closed > 0) {
                stop = String.format(Locale.ROOT, "batch to %d: %d of %d opened (failures %s), %d held connections closed",
                        held.size() + failures.size(), batch.size(), n, summarize(failures), closed);
                break;
            }
            Probe probe = probe(userToken);
            if (!probe.ok()) {
                stop = String.format(Locale.ROOT, "probe failed at %d connections: %s", held.size(), probe);
                break;
            }
            double heap = heapMb();
            Fanout fan = o.idleSubscribe ? fanout(held) : null;
            String step = String.format(Locale.ROOT, "  idle_step connections=%d heap=%s MB probe=%s opened in %.1fs%s",
                    held.size(), fmt(heap), probe, openS, fan == null ? "" : " fanout: " + fan);
            log("%s", step.trim());
            steps.add(step);
            goodConnections = held.size();
            goodHeap = heap;
            goodFanout = fan;
            goodProbe = probe;
            if (fan != null && fan.received() < held.size()) {
                stop = "the fan-out of one event reached " + fan.received() + " of " + held.size();
                break;
            }
        }
        log("idle: stopped: %s", stop);
        figures.add(String.format(Locale.ROOT,
                "idle_connections_held=%d idle_heap_used=%s MB idle_heap_0=%s MB bytes_per_connection=%s  [stopped: %s]",
                goodConnections, fmt(goodHeap), fmt(heap0),
                goodConnections > 0 && !Double.isNaN(goodHeap) && !Double.isNaN(heap0)
                        ? String.format(Locale.ROOT, "%.0f", (goodHeap - heap0) * 1024 * 1024 / goodConnections) : "n/a",
                stop));
        figures.add(String.format(Locale.ROOT,
                "idle_probe_at_%d=%s | idle_probe_at_0=%s  (fresh connection: open + connected, then ping→pong)",
                goodConnections, goodProbe, p0));
        double heapMax = heapMaxMb();
        if (goodConnections > 0 && !Double.isNaN(goodHeap) && !Double.isNaN(heap0) && !Double.isNaN(heapMax) && goodHeap > heap0) {
            double perConnectionMb = (goodHeap - heap0) / goodConnections;
            figures.add(String.format(Locale.ROOT,
                    "  idle_heap_max=%.0f MB: at %.0f bytes per connection the heap would be full at ~%.0f connections "
                            + "(linear projection; the collector needs headroom, so the real limit is lower)",
                    heapMax, perConnectionMb * 1024 * 1024, (heapMax - heap0) / perConnectionMb));
        }
        if (goodFanout != null) {
            figures.add(String.format(Locale.ROOT,
                    "idle_fanout_at_%1$d: first→last=%2$.1f ms send→last=%3$.1f ms event timestamp→last=%4$.1f ms "
                            + "answer→last=%5$.1f ms (answer→first=%6$.1f ms), received %7$d of %1$d | probe ping rtt=%8$.1f ms "
                            + "ratio(first→last / ping)=%9$.1f",
                    goodConnections, goodFanout.firstToLastMs(), goodFanout.sendToLastMs(), goodFanout.eventToLastMs(),
                    goodFanout.answerToLastMs(), goodFanout.answerToFirstMs(), goodFanout.received(), goodProbe.pingMs(),
                    goodFanout.firstToLastMs() / goodProbe.pingMs()));
        }
        figures.addAll(steps);
        held.forEach(Sub::abort);
        writers.forEach(WsConnection::close);
    }

    private record Probe(boolean ok, double openMs, double pingMs, String failure) {
        @Override
        public String toString() {
            return ok ? String.format(Locale.ROOT, "ok (open %.1f ms, ping %.1f ms)", openMs, pingMs) : "FAILED " + failure;
        }
    }

    /** A fresh connection: open, {@code connected}, one {@code ping} answered, all within the probe timeout. */
    private Probe probe(String token) {
        long t0 = System.nanoTime();
        long budget = TimeUnit.MILLISECONDS.toNanos(o.idleProbeTimeoutMs);
        Sub sub = new Sub(null);
        try {
            probeHttp.newWebSocketBuilder().connectTimeout(Duration.ofMillis(o.idleProbeTimeoutMs))
                    .buildAsync(channelUri(token), sub).get(budget, TimeUnit.NANOSECONDS);
            sub.connected.get(Math.max(1, budget - (System.nanoTime() - t0)), TimeUnit.NANOSECONDS);
            long t1 = System.nanoTime();
            String id = "q" + nextReply.incrementAndGet();
            JsonNode pong = sub.request("{\"type\":\"ping\",\"request_id\":\"" + id + "\"}", id)
                    .get(Math.max(1, budget - (System.nanoTime() - t0)), TimeUnit.NANOSECONDS);
            long t2 = System.nanoTime();
            if (!"pong".equals(pong.path("type").asText())) {
                return new Probe(false, (t1 - t0) / 1e6, Double.NaN, "answer " + pong);
            }
            return new Probe(true, (t1 - t0) / 1e6, (t2 - t1) / 1e6, null);
        } catch (Exception e) {
            return new Probe(false, Double.NaN, Double.NaN, String.format(Locale.ROOT, "after %.0f ms: %s",
                    (System.nanoTime() - t0) / 1e6, e.getCause() != null ? e.getCause() : e));
        } finally {
            sub.abort();
        }
    }

    /** Times to the first and last receipt of one event, from the write's answer, its send and its event timestamp. */
    private record Fanout(double answerToFirstMs, double answerToLastMs, double sendToLastMs, double eventToLastMs,
                          int received) {
        double firstToLastMs() {
            return answerToLastMs - answerToFirstMs;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "first→last %.1f ms, send→last %.1f ms, answer→last %.1f ms, %d received",
                    firstToLastMs(), sendToLastMs, answerToLastMs, received);
        }
    }

    /** One {@code update_company}; the time from its answer to the first and last receipt among {@code subs}. */
    private Fanout fanout(List<Sub> subs) throws Exception {
        subs.forEach(Sub::takeRecords);
        long before = received.sum();
        int seq = nextWrite.getAndIncrement();
        ObjectNode data = WsConnection.JSON.createObjectNode().put("write_key", o.writeKey)
                .put("company_uuid", companyUuids.get(0)).put("name", "Feed Idle " + seq);
        WsConnection writer = writer(seq);
        long sent = System.nanoTime();
        WsConnection.Answer answer = writer.request("update_company", "w" + seq, data).get(120, TimeUnit.SECONDS);
        if (!answer.ok()) {
            throw new IllegalStateException("update_company failed: " + answer.root());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.drainMaxS);
        long last = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long have = received.sum() - before;
            if (have >= subs.size()) {
                break;
            }
            if (have != last) {
                last = have;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > 5_000_000_000L) {
                break;
            }
            Thread.sleep(2);
        }
        long first = Long.MAX_VALUE;
        long lastReceipt = Long.MIN_VALUE;
        int count = 0;
        for (Sub sub : subs) {
            Sub.Records r = sub.takeRecords();
            for (int i = 0; i < r.size(); i++) {
                if (r.seqs()[i] == seq) {
                    first = Math.min(first, r.nanos()[i]);
                    lastReceipt = Math.max(lastReceipt, r.nanos()[i]);
                    count++;
                }
            }
        }
        long at = answer.receivedNanos();
        long event = eventMicros(answer);
        return count == 0 ? new Fanout(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0)
                : new Fanout((first - at) / 1e6, (lastReceipt - at) / 1e6, (lastReceipt - sent) / 1e6,
                event == 0 ? Double.NaN : (wall(lastReceipt) - event) / 1e3, count);
    }

    private String heapSource() {
        if (heapFromMetrics() != null) {
            return "jvm.memory.used{area=heap} from /actuator/metrics";
        }
        if (heapFromPrometheus() != null) {
            return "sum of jvm_memory_used_bytes{area=heap} from /actuator/prometheus";
        }
        return "not available";
    }

    /** Beacon's heap in use, MB, after a forced full GC when its pid is known ({@code jcmd <pid> GC.run}). */
    private double heapMb() {
        double fromMetrics = beacon.heapMb(o.beaconPid, o.idleGc);
        if (!Double.isNaN(fromMetrics)) {
            return fromMetrics;
        }
        Double bytes = heapFromPrometheus();
        return bytes == null ? Double.NaN : bytes / (1024 * 1024);
    }

    private double heapMaxMb() {
        Double bytes = beacon.metric("jvm.memory.max", "area:heap");
        return bytes == null ? Double.NaN : bytes / (1024 * 1024);
    }

    private Double heapFromMetrics() {
        return beacon.metric("jvm.memory.used", "area:heap");
    }

    private Double heapFromPrometheus() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(o.baseUrl + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return null;
            }
            double sum = 0;
            boolean any = false;
            for (String line : r.body().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    any = true;
                }
            }
            return any ? sum : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static int ephemeralPorts() {
        try {
            String[] range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            return Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
        } catch (Exception e) {
            return 0;
        }
    }

    // ------------------------------------------------------------------ connections

    /**
     * Opens {@code count} channel connections ({@code open-parallel} handshakes at a time, round-robin over
     * {@code clients}), each answered {@code connected} (and {@code subscribed}, if {@code subscribe}); returns
     * those that made it, in order; the failures' messages go to {@code failures}.
     */
    private List<Sub> open(List<HttpClient> clients, int count, String token, boolean subscribe, List<String> failures)
            throws InterruptedException {
        Semaphore parallel = new Semaphore(o.openParallel);
        CountDownLatch done = new CountDownLatch(count);
        Sub[] opened = new Sub[count];
        URI uri = channelUri(token);
        for (int i = 0; i < count; i++) {
            parallel.acquire();
            int index = i;
            Sub sub = new Sub(received);
            clients.get(i % clients.size()).newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20))
                    .buildAsync(uri, sub)
                    .thenCompose(ws -> sub.connected.orTimeout(20, TimeUnit.SECONDS))
                    .thenCompose(x -> subscribe ? sub.subscribe(true, "r" + nextReply.incrementAndGet())
                            .orTimeout(20, TimeUnit.SECONDS).thenApply(root -> {
                                if (!"subscribed".equals(root.path("type").asText())) {
                                    throw new IllegalStateException("subscribe answered " + root);
                                }
                                return root;
                            }) : CompletableFuture.completedFuture(null))
                    .whenComplete((x, failure) -> {
                        if (failure == null) {
                            opened[index] = sub;
                        } else {
                            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                                    ? failure.getCause() : failure;
                            failures.add(cause.getClass().getSimpleName() + ": " + cause.getMessage());
                            sub.abort();
                        }
                        parallel.release();
                        done.countDown();
                    });
        }
        if (!done.await(300, TimeUnit.SECONDS)) {
            failures.add("opening timed out after 300 s");
        }
        List<Sub> subs = new ArrayList<>();
        for (Sub sub : opened) {
            if (sub != null) {
                subs.add(sub);
            }
        }
        return subs;
    }

    private URI channelUri(String token) {
        return URI.create(o.baseUrl.replaceFirst("^http", "ws") + "/api/v1/ws?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    private void openWriters() {
        writers = new ArrayList<>();
        for (int i = 0; i < o.writerConnections(); i++) {
            writers.add(WsConnection.open(writerHttp, BenchArgs.companiesWsUrl(o.baseUrl), adminToken, "writer" + i));
        }
    }

    /** The writer connection for write {@code seq}, reopened if the server closed it (idle timeout). */
    private WsConnection writer(int seq) {
        int i = seq % writers.size();
        WsConnection w = writers.get(i);
        if (!w.isOpen()) {
            w = WsConnection.open(writerHttp, BenchArgs.companiesWsUrl(o.baseUrl), adminToken, "writer" + i + "r" + seq);
            writers.set(i, w);
        }
        return w;
    }

    /**
     * Creates {@code n} companies over all writer connections, at most {@code write-in-flight} at a time, and adds
     * the achieved rate to the figures: a create is a write too, so a thousand of them measure create_company/s.
     */
    private void createCompanies(int n) throws Exception {
        String[] uuids = new String[n];
        Semaphore inFlight = new Semaphore(o.writeInFlight);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        for (int i = 0; i < n && failures.isEmpty(); i++) {
            String uuid = UUID.randomUUID().toString();
            ObjectNode data = WsConnection.JSON.createObjectNode().put("write_key", o.writeKey).put("uuid", uuid)
                    .put("name", "Feed Bench company " + i).put("employees_count", 10 + i);
            inFlight.acquire();
            int index = i;
            writers.get(i % writers.size()).request("create_company", data).orTimeout(120, TimeUnit.SECONDS)
                    .whenComplete((answer, failure) -> {
                        if (failure != null || !answer.ok()) {
                            failures.add(failure != null ? failure.toString() : answer.root().toString());
                        } else {
                            uuids[index] = uuid;
                        }
                        inFlight.release();
                    });
        }
        inFlight.acquire(o.writeInFlight);
        inFlight.release(o.writeInFlight);
        if (!failures.isEmpty()) {
            throw new IllegalStateException("create_company failed: " + failures.get(0));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String line = String.format(Locale.ROOT, "create_company: %d in %.1fs = %.1f/s (%d writer connections, <= %d in flight)",
                n, seconds, n / seconds, writers.size(), o.writeInFlight);
        log("%s", line);
        if (n > 1) {
            figures.add(line);
        }
        companyUuids = List.of(uuids);
    }

    /**
     * One connection to {@code /api/v1/ws}. Events whose {@code data.request_id} is {@code w<seq>} are recorded
     * as (seq, receipt nanos); pongs to {@code p<n>} go to the ping log; everything else is parsed and answers
     * waiting futures by {@code request_id}.
     */
    private final class Sub implements WebSocket.Listener {

        record Records(int size, int[] seqs, long[] nanos) {
        }

        final CompletableFuture<Void> connected = new CompletableFuture<>();
        final Map<String, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
        final Map<String, LongAdder> problems = new ConcurrentHashMap<>();
        private final LongAdder counter;
        private final StringBuilder partial = new StringBuilder();
        private final Object sendLock = new Object();
        private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);
        private int[] seqs = new int[16];
        private long[] nanos = new long[16];
        private int size;
        private volatile WebSocket socket;
        volatile String closedBy;

        Sub(LongAdder counter) {
            this.counter = counter;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            // No back-pressure from this side: every message is delivered as soon as it is read, pings are answered.
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            String text;
            if (partial.length() == 0 && last) {
                text = data.toString();
            } else {
                partial.append(data);
                if (!last) {
                    return null;
                }
                text = partial.toString();
                partial.setLength(0);
            }
            int at = text.indexOf(REQUEST_ID_KEY);
            if (at >= 0 && at + REQUEST_ID_KEY.length() < text.length()) {
                int from = at + REQUEST_ID_KEY.length();
                char kind = text.charAt(from);
                if (kind == 'w') {
                    int seq = digits(text, from + 1);
                    if (seq >= 0) {
                        record(seq, now);
                        return null;
                    }
                } else if (kind == 'p' && text.startsWith("{\"type\":\"pong\"")) {
                    int n = digits(text, from + 1);
                    if (n >= 0 && n < pingReceived.length()) {
                        pingReceived.compareAndSet(n, 0, now);
                        return null;
                    }
                }
            }
            other(text);
            return null;
        }

        private void record(int seq, long now) {
            synchronized (this) {
                if (size == seqs.length) {
                    seqs = Arrays.copyOf(seqs, size * 2);
                    nanos = Arrays.copyOf(nanos, size * 2);
                }
                seqs[size] = seq;
                nanos[size] = now;
                size++;
            }
            if (counter != null) {
                counter.increment();
            }
        }

        synchronized int recorded() {
            return size;
        }

        /** The records so far; the buffer starts again empty (and small). */
        synchronized Records takeRecords() {
            Records r = new Records(size, seqs, nanos);
            seqs = new int[Math.max(16, Math.min(size, 1 << 16))];
            nanos = new long[seqs.length];
            size = 0;
            return r;
        }

        private void other(String text) {
            JsonNode root;
            try {
                root = WsConnection.JSON.readTree(text);
            } catch (IOException e) {
                problem("unparsable");
                return;
            }
            String type = root.path("type").asText();
            JsonNode id = root.get("request_id");
            CompletableFuture<JsonNode> waiting = id == null || id.isNull() ? null : replies.remove(id.asText());
            if (waiting != null) {
                waiting.complete(root);
                return;
            }
            switch (type) {
                case "connected" -> connected.complete(null);
                case "error" -> problem("error:" + root.path("data").path("error_code").asText()
                        + (root.path("data").path("details").has("reason") ? "/" + root.path("data").path("details").path("reason").asText() : ""));
                case "disconnecting" -> problem("disconnecting:" + root.path("data").path("reason").asText());
                default -> problem(type.startsWith("company_") ? "event_without_bench_request_id" : "unexpected:" + type);
            }
        }

        private void problem(String what) {
            problems.computeIfAbsent(what, k -> new LongAdder()).increment();
        }

        /** Sends one text; sends are chained, the JDK client allows one outstanding send per WebSocket. */
        CompletableFuture<?> send(String text) {
            WebSocket ws = socket;
            if (ws == null || closedBy != null) {
                return CompletableFuture.failedFuture(new IOException("not open"));
            }
            synchronized (sendLock) {
                sendChain = sendChain.handle((x, f) -> null).thenCompose(x -> ws.sendText(text, true));
                return sendChain;
            }
        }

        CompletableFuture<JsonNode> request(String text, String id) {
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            replies.put(id, answer);
            send(text).whenComplete((x, f) -> {
                if (f != null) {
                    replies.remove(id);
                    answer.completeExceptionally(f);
                }
            });
            return answer;
        }

        CompletableFuture<JsonNode> subscribe(boolean subscribe, String id) {
            return request("{\"type\":\"" + (subscribe ? "subscribe" : "unsubscribe")
                    + "\",\"data\":{\"channels\":[\"companies\"]},\"request_id\":\"" + id + "\"}", id);
        }

        boolean isOpen() {
            return closedBy == null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed(error.getClass().getSimpleName());
        }

        private void closed(String why) {
            if (closedBy == null) {
                closedBy = why;
            }
            IOException e = new IOException("closed: " + why);
            connected.completeExceptionally(e);
            replies.values().forEach(f -> f.completeExceptionally(e));
            replies.clear();
        }

        /** A normal close, not waited for. */
        void close() {
            WebSocket ws = socket;
            if (ws != null && closedBy == null) {
                closedBy = "closed by client";
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").whenComplete((x, f) -> ws.abort());
            }
        }

        void abort() {
            WebSocket ws = socket;
            if (closedBy == null) {
                closedBy = "aborted by client";
            }
            if (ws != null) {
                ws.abort();
            }
        }
    }

    private static int digits(String s, int from) {
        int value = 0;
        int i = from;
        while (i < s.length() && i - from < 10) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
            i++;
        }
        return i == from || i < s.length() && s.charAt(i) != '"' ? -1 : value;
    }

    // ------------------------------------------------------------------ helpers

    private static long epochMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** A System.nanoTime() reading as epoch µs. */
    private long wall(long nanos) {
        return nanos / 1_000 + wallOffsetMicros;
    }

    /** The event timestamp of a company write: its answer's {@code updated_at}, epoch µs; 0 if absent. */
    private static long eventMicros(WsConnection.Answer answer) {
        try {
            java.time.Instant at = java.time.Instant.parse(answer.data().path("updated_at").asText());
            return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static double clientCpu() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    /** Beacon's CPU seconds from /proc/&lt;pid&gt;/stat (utime + stime, 100 ticks/s), NaN if unknown. */
    private double beaconCpu() {
        if (o.beaconPid <= 0) {
            return Double.NaN;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + o.beaconPid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    private static String cores(double cpu, double seconds) {
        return Double.isNaN(cpu) ? "n/a" : String.format(Locale.ROOT, "%.2f", cpu / seconds);
    }

    private static double ms(double nanos) {
        return nanos / 1e6;
    }

    private static String fmt(double mb) {
        return Double.isNaN(mb) ? "n/a" : String.format(Locale.ROOT, "%.1f", mb);
    }

    private static String summarize(List<String> failures) {
        Map<String, Long> counts = new TreeMap<>();
        synchronized (failures) {
            failures.forEach(f -> counts.merge(f.length() > 160 ? f.substring(0, 160) + "…" : f, 1L, Long::sum));
        }
        return counts.toString();
    }

    /** Command-line options, {@code --name=value}. */
    static final class Options {
        String mode = "push";
        String baseUrl = "http://127.0.0.1:8000";
        String email;
        String password;
        String writeKey;
        int subscribers = 1_000;
        int writesPerS = 500;
        int durationS = 30;
        int warmupS = 15;
        int rounds = 2;
        int companies = 1_000;
        int writerConnections = 8;
        int writeInFlight = 64;
        double pingPerS = 20;
        int clients = 4;
        int openParallel = 64;
        double fallbackBelow = 0.9;
        int drainMaxS = 60;
        int idleCap = 20_000;
        int idleBatch = 1_000;
        boolean idleSubscribe = true;
        int idleProbeTimeoutMs = 2_000;
        boolean idleGc = true;
        String beaconHeap = "?";
        long beaconPid;
        int fdLimit;
        String figuresOut;

        /** At least one writer connection per 80 writes/s: the action endpoint allows 6,000 messages a minute per connection. */
        int writerConnections() {
            return Math.max(writerConnections, (writesPerS + 79) / 80);
        }

        /** At most one ping per subscriber per second: the channel endpoint allows 100 messages a minute per connection. */
        double pingPerS() {
            return Math.min(pingPerS, subscribers);
        }

        static Options parse(String[] args) {
            Options o = new Options();
            for (Map.Entry<String, String> e : BenchArgs.parse(args).entrySet()) {
                String v = e.getValue();
                switch (e.getKey()) {
                    case "mode" -> o.mode = v;
                    case "base-url" -> o.baseUrl = v.replaceAll("/+$", "");
                    case "email" -> o.email = v;
                    case "password" -> o.password = v;
                    case "write-key" -> o.writeKey = v;
                    case "subscribers" -> o.subscribers = Integer.parseInt(v);
                    case "writes-per-s" -> o.writesPerS = Integer.parseInt(v);
                    case "duration-s" -> o.durationS = Integer.parseInt(v);
                    case "warmup-s" -> o.warmupS = Integer.parseInt(v);
                    case "rounds" -> o.rounds = Integer.parseInt(v);
                    case "companies" -> o.companies = Integer.parseInt(v);
                    case "writer-connections" -> o.writerConnections = Integer.parseInt(v);
                    case "write-in-flight" -> o.writeInFlight = Integer.parseInt(v);
                    case "ping-per-s" -> o.pingPerS = Double.parseDouble(v);
                    case "clients" -> o.clients = Integer.parseInt(v);
                    case "open-parallel" -> o.openParallel = Integer.parseInt(v);
                    case "fallback-below" -> o.fallbackBelow = Double.parseDouble(v);
                    case "drain-max-s" -> o.drainMaxS = Integer.parseInt(v);
                    case "idle-cap" -> o.idleCap = Integer.parseInt(v);
                    case "idle-batch" -> o.idleBatch = Integer.parseInt(v);
                    case "idle-subscribe" -> o.idleSubscribe = !"0".equals(v) && !"false".equals(v);
                    case "idle-probe-timeout-ms" -> o.idleProbeTimeoutMs = Integer.parseInt(v);
                    case "idle-gc" -> o.idleGc = !"0".equals(v) && !"false".equals(v);
                    case "beacon-heap" -> o.beaconHeap = v;
                    case "beacon-pid" -> o.beaconPid = Long.parseLong(v);
                    case "fd-limit" -> o.fdLimit = "unlimited".equals(v) ? 0 : Integer.parseInt(v);
                    case "figures-out" -> o.figuresOut = v;
                    default -> throw new IllegalArgumentException("unknown option --" + e.getKey());
                }
            }
            if (o.email == null || o.password == null || o.writeKey == null) {
                throw new IllegalArgumentException("--email, --password and --write-key are required");
            }
            if (!List.of("push", "idle").contains(o.mode)) {
                throw new IllegalArgumentException("--mode is push or idle");
            }
            if (o.subscribers < 1 || o.writesPerS < 1 || o.durationS < 1 || o.rounds < 1 || o.companies < 1
                    || o.clients < 1 || o.openParallel < 1 || o.writeInFlight < 1 || o.pingPerS <= 0
                    || o.idleBatch < 1 || o.idleCap < 1) {
                throw new IllegalArgumentException("counts, rates and durations must be positive");
            }
            String host = URI.create(o.baseUrl).getHost();
            if (!List.of("127.0.0.1", "localhost").contains(host)) {
                throw new IllegalArgumentException("refusing non-loopback host " + host);
            }
            return o;
        }
    }
}
