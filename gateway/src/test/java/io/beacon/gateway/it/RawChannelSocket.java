package io.beacon.gateway.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

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
        Socket socket = new Socket("localhost", port);
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
