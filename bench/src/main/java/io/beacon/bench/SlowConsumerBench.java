package io.beacon.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slow consumers against Beacon's heap (issue 6, PRODUCT.md §7): the same stream of large events
 * (create_company with 20 keywords of 1,900 characters, ~39 KB each) written at the same rate in four
 * phases, Beacon's heap read after a forced full GC at the end of each (and every {@code sample-s} while
 * stalled readers are connected):
 * <ol>
 *   <li>{@code none}: nobody subscribed (the baseline);</li>
 *   <li>{@code reading}: N subscribers of {@code companies} that read everything (JDK WebSockets);</li>
 *   <li>{@code stalled}: N subscribers that stop reading right after {@code subscribed} (plain sockets with a
 *   4 KB receive buffer): without bounds the server would hold every event for each of them;</li>
 *   <li>{@code stalled-again}: N more, the first N still connected or cut off: nothing piles up across waves;</li>
 *   <li>{@code none-again}: every subscriber gone, the baseline again (the store's page cache grows with the data
 *   written, subscribers or not).</li>
 * </ol>
 * Also read from Beacon's metrics: the feed's queued weight, the send buffers, the ring, the cut-offs.
 */
public final class SlowConsumerBench {

    private static final List<String> KEYWORDS = java.util.stream.IntStream.range(0, 20)
            .mapToObj(i -> i + "-" + "k".repeat(1_900)).toList();

    private final Map<String, String> args;
    private final String baseUrl;
    private final BeaconHttp beacon;
    private final long pid;
    private final int subscribers;
    private final int phaseSeconds;
    private final int sampleSeconds;
    private final double writesPerSecond;
    private final List<String> results = new ArrayList<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong writeErrors = new AtomicLong();
    private final Map<String, Long> phaseWrites = new java.util.LinkedHashMap<>();
    private WsConnection writer;
    private String writeKey;

    private SlowConsumerBench(Map<String, String> args) {
        this.args = args;
        this.baseUrl = args.getOrDefault("base-url", "http://127.0.0.1:8000");
        this.beacon = new BeaconHttp(baseUrl);
        this.pid = Long.parseLong(args.getOrDefault("beacon-pid", "0"));
        this.subscribers = Integer.parseInt(args.getOrDefault("subscribers", "200"));
        this.phaseSeconds = Integer.parseInt(args.getOrDefault("phase-s", "60"));
        this.sampleSeconds = Integer.parseInt(args.getOrDefault("sample-s", "15"));
        this.writesPerSecond = Double.parseDouble(args.getOrDefault("writes-per-s", "20"));
    }

    public static void main(String[] argv) throws Exception {
        new SlowConsumerBench(BenchArgs.parse(argv)).run();
    }

    private void run() throws Exception {
        String adminToken = beacon.loginAdmin(args.get("email"), args.get("password"));
        writeKey = args.get("write-key");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        writer = WsConnection.open(http, BenchArgs.companiesWsUrl(baseUrl), adminToken, "writer");
        String userToken = beacon.register("slow-" + System.nanoTime() + "@bench.beacon.test", "slow-bench-password-1", "Slow");
        int port = URI.create(baseUrl).getPort();

        write(5, "warm-up");
        double none = phase("none", List.of());
        results.add(String.format(Locale.ROOT, "heap_after_gc none=%.1f MB (no subscribers)", none));

        List<Reader> readers = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            readers.add(Reader.open(http, baseUrl, userToken));
        }
        double reading = phase("reading", List.of());
        long received = readers.stream().mapToLong(r -> r.pushes.get()).sum();
        readers.forEach(Reader::close);
        results.add(String.format(Locale.ROOT, "heap_after_gc reading=%.1f MB (%d subscribers reading; %d pushes received, "
                + "%.0f per subscriber)", reading, subscribers, received, received / (double) subscribers));

        List<Stalled> stalled = openStalled(port, userToken);
        double cutOffsBefore = metricOr("beacon.feed.cutoffs", 0);
        double first = phase("stalled", stalled);
        List<Stalled> again = openStalled(port, userToken);
        double second = phase("stalled-again", again);
        double cutOffs = metricOr("beacon.feed.cutoffs", 0) - cutOffsBefore;
        results.add(String.format(Locale.ROOT, "heap_after_gc stalled=%.1f MB, stalled-again=%.1f MB (%d stalled subscribers "
                + "per wave, %.0f cut off in the two waves)", first, second, subscribers, cutOffs));
        results.add(String.format(Locale.ROOT, "ratio heap stalled/none=%.2f stalled/reading=%.2f stalled-again/stalled=%.2f",
                first / none, first / reading, second / first));
        double owed = phaseWrites.get("stalled") * 39_000.0 * subscribers / (1024 * 1024);
        results.add(String.format(Locale.ROOT, "owed to the first stalled wave while it was connected: ~%.0f MB "
                + "(%d writes of ~39 KB x %d readers); writes in all %d, errors %d", owed, phaseWrites.get("stalled"),
                subscribers, written.get(), writeErrors.get()));
        stalled.forEach(Stalled::close);
        again.forEach(Stalled::close);
        // The baseline again, everyone gone: what the heap gained meanwhile without any subscriber (the
        // store's page cache fills as the data grows) is not the stalled readers' doing.
        double noneAgain = phase("none-again", List.of());
        results.add(String.format(Locale.ROOT, "heap_after_gc none-again=%.1f MB; ratio stalled-again/none-again=%.2f",
                noneAgain, second / noneAgain));
        writer.close();

        String out = String.join("\n", results);
        System.out.println("\n==== RESULTS ====\n" + out);
        String figures = args.get("figures-out");
        if (figures != null) {
            Files.writeString(Path.of(figures), out + "\n");
        }
    }

    /** Writes for {@code phase-s} at the rate, sampling the heap meanwhile if readers are stalled; answers the heap at the end. */
    private double phase(String name, List<Stalled> stalled) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(phaseSeconds);
        List<Double> samples = new ArrayList<>();
        long nextSample = start + TimeUnit.SECONDS.toNanos(sampleSeconds);
        long before = written.get();
        while (System.nanoTime() < end) {
            long sliceEnd = Math.min(end, nextSample);
            write((sliceEnd - System.nanoTime()) / 1e9, name);
            if (!stalled.isEmpty() && System.nanoTime() < end) {
                samples.add(beacon.heapMb(pid, true));
                System.out.printf(Locale.ROOT, "%s t=%.0fs heap_after_gc=%.1f MB queued_weight=%.0f send_buffered=%.0f "
                                + "retained_weight=%.0f cutoffs=%.0f%n", name, (System.nanoTime() - start) / 1e9,
                        samples.get(samples.size() - 1), metricOr("beacon.feed.queued.weight", -1),
                        metricOr("beacon.websocket.send.buffered", -1), metricOr("beacon.feed.retained.weight", -1),
                        metricOr("beacon.feed.cutoffs", -1));
            }
            nextSample += TimeUnit.SECONDS.toNanos(sampleSeconds);
        }
        phaseWrites.put(name, written.get() - before);
        double heap = beacon.heapMb(pid, true);
        samples.add(heap);
        String line = String.format(Locale.ROOT, "phase %s: %d writes in %ds, heap after GC at the end %.1f MB",
                name, written.get() - before, phaseSeconds, heap);
        if (samples.size() > 1) {
            line += String.format(Locale.ROOT, ", samples every %ds min/max %.1f/%.1f MB", sampleSeconds,
                    samples.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                    samples.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
        }
        line += String.format(Locale.ROOT, "; peak queued weight of one subscription %.0f, peak send buffer of one session %.0f"
                        + "; ring %.0f characters; H2 page cache by H2's estimate %.0f MB",
                metricOr("beacon.feed.queued.peak.weight", -1), metricOr("beacon.websocket.send.buffered.peak", -1),
                metricOr("beacon.feed.retained.weight", -1), metricOr("beacon.store.page.cache", -1));
        System.out.println(line);
        results.add(line);
        return heap;
    }

    /** create_company with ~39 KB of keywords at {@code writes-per-s} for {@code seconds}, one at a time. */
    private void write(double seconds, String phase) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long interval = (long) (1e9 / writesPerSecond);
        long next = System.nanoTime();
        while (System.nanoTime() < end) {
            ObjectNode data = WsConnection.JSON.createObjectNode().put("write_key", writeKey)
                    .put("name", "Slow bench " + phase + " " + written.get());
            ArrayNode keywords = data.putArray("keywords");
            KEYWORDS.forEach(keywords::add);
            try {
                WsConnection.Answer answer = writer.request("create_company", data).get(60, TimeUnit.SECONDS);
                if (!answer.ok()) {
                    writeErrors.incrementAndGet();
                }
            } catch (Exception e) {
                writeErrors.incrementAndGet();
            }
            written.incrementAndGet();
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } else {
                next = System.nanoTime();
            }
        }
    }

    private List<Stalled> openStalled(int port, String token) throws IOException {
        List<Stalled> stalled = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            stalled.add(Stalled.open(port, token, i));
        }
        return stalled;
    }

    private double metricOr(String name, double otherwise) {
        Double value = beacon.metric(name, null);
        return value == null ? otherwise : value;
    }

    /** A subscriber of {@code companies} that reads (and drops) everything. */
    private static final class Reader implements WebSocket.Listener {
        final AtomicLong pushes = new AtomicLong();
        private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
        private WebSocket socket;

        static Reader open(HttpClient http, String baseUrl, String token) throws Exception {
            Reader reader = new Reader();
            URI uri = URI.create(baseUrl.replaceFirst("^http", "ws") + "/api/v1/ws?token="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8));
            reader.socket = http.newWebSocketBuilder().buildAsync(uri, reader).get(20, TimeUnit.SECONDS);
            reader.socket.sendText("{\"type\":\"subscribe\",\"data\":{\"channels\":[\"companies\"]}}", true);
            reader.subscribed.get(20, TimeUnit.SECONDS);
            return reader;
        }

        private boolean atStart = true;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (atStart) {
                // A message's first part holds its envelope ("type", "channel", "offset" come before "data").
                String head = data.subSequence(0, Math.min(data.length(), 200)).toString();
                if (head.contains("\"subscribed\"")) {
                    subscribed.complete(null);
                }
                if (head.contains("\"offset\"")) {
                    pushes.incrementAndGet();
                }
            }
            atStart = last;
            // The rest is read and dropped.
            webSocket.request(1);
            return null;
        }

        void close() {
            socket.abort();
        }
    }

    /** A subscriber of {@code companies} that stops reading once subscribed; its receive buffer is 4 KB. */
    private static final class Stalled implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;

        private Stalled(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
        }

        static Stalled open(int port, String token, int n) throws IOException {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4_096);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            String key = Base64.getEncoder().encodeToString(String.format("stalled-%08d", n).getBytes(StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/ws?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Stalled stalled = new Stalled(socket);
            stalled.skipHeaders();
            stalled.awaitText("\"connected\"");
            stalled.send("{\"type\":\"subscribe\",\"data\":{\"channels\":[\"companies\"]}}");
            stalled.awaitText("\"subscribed\"");
            return stalled;
        }

        private void skipHeaders() throws IOException {
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed during the upgrade");
                }
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        }

        private void awaitText(String marker) throws IOException {
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                if ((first & 0x0f) == 0x1 && new String(payload, StandardCharsets.UTF_8).contains(marker)) {
                    return;
                }
                if ((first & 0x0f) == 0x8) {
                    throw new IOException("closed before " + marker);
                }
            }
        }

        private void send(String text) throws IOException {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x81);
            frame.write(0x80 | payload.length); // < 126 bytes
            byte[] mask = {1, 2, 3, 4};
            frame.write(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i % 4]);
            }
            socket.getOutputStream().write(frame.toByteArray());
            socket.getOutputStream().flush();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
        }
    }
}
