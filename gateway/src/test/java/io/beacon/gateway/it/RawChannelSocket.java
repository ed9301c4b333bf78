package io.beacon.gateway.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

/**
 * A bare-socket client of {@code /api/v1/ws} that does the upgrade by hand and reads frames only when
 * asked: it never answers a ping (the JDK client always does), so it looks like a client that is gone.
 */
final class RawChannelSocket implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;

    private RawChannelSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
    }

    static RawChannelSocket open(int port, String token) throws IOException {
        return open(port, token, 0);
    }

    /**
     * With {@code receiveBufferBytes} above 0, the socket's receive buffer is that small (set before
     * connecting, so the window the server sees is small too): a client that stops reading stalls the
     * server's sends after little data.
     */
    static RawChannelSocket open(int port, String token, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.connect(new InetSocketAddress("localhost", port));
        socket.setSoTimeout((int) WsClient.TIMEOUT.toMillis());
        String key = Base64.getEncoder().encodeToString("raw-channel-sock!".substring(0, 16).getBytes(StandardCharsets.US_ASCII));
        String request = "GET /api/v1/ws?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + " HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        RawChannelSocket raw = new RawChannelSocket(socket);
        String status = raw.readHeaders();
        if (!status.contains(" 101 ")) {
            socket.close();
            throw new AssertionError("upgrade refused: " + status);
        }
        return raw;
    }

    /** The next text message, skipping pings. */
    String nextText() throws IOException {
        while (true) {
            Frame frame = readFrame();
            if (frame.opcode == 0x1) {
                return new String(frame.payload, StandardCharsets.UTF_8);
            }
            if (frame.opcode == 0x8) {
                throw new AssertionError("closed before a text message");
            }
        }
    }

    /** Sends one text message as a single masked client frame. */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        }
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        OutputStream out = socket.getOutputStream();
        out.write(frame.toByteArray());
        out.flush();
    }

    /**
     * Counts the text messages that satisfy {@code counted} until the server's close frame or the end
     * of the stream (a server that gave up on a stalled reader may drop the connection without one).
     */
    int countTextsToEnd(Predicate<String> counted) throws IOException {
        int count = 0;
        while (true) {
            Frame frame;
            try {
                frame = readFrame();
            } catch (EOFException | SocketException end) {
                return count;
            }
            if (frame.opcode == 0x8) {
                return count;
            }
            if (frame.opcode == 0x1 && counted.test(new String(frame.payload, StandardCharsets.UTF_8))) {
                count++;
            }
        }
    }

    /** Reads every frame up to and including the server's close frame. */
    Frames readToClose() throws IOException {
        List<String> texts = new ArrayList<>();
        int pings = 0;
        while (true) {
            Frame frame = readFrame();
            switch (frame.opcode) {
                case 0x1 -> texts.add(new String(frame.payload, StandardCharsets.UTF_8));
                case 0x9 -> pings++;
                case 0x8 -> {
                    int code = frame.payload.length >= 2 ? ((frame.payload[0] & 0xff) << 8) | (frame.payload[1] & 0xff) : 1005;
                    return new Frames(texts, pings, code);
                }
                default -> {
                }
            }
        }
    }

    record Frames(List<String> texts, int pings, int closeCode) {
    }

    private record Frame(int opcode, byte[] payload) {
    }

    /** One unfragmented, unmasked server frame (the server sends no fragments for these small messages). */
    private Frame readFrame() throws IOException {
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
        return new Frame(first & 0x0f, payload);
    }

    private String readHeaders() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the upgrade");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        return text.substring(0, text.indexOf("\r\n"));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
