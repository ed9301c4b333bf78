package io.beacon.gateway.ws;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * Opaque pagination cursors. A cursor names a position (offset and page size) in the result of one
 * query; it carries a fingerprint of that query's filters and ordering, so it is refused
 * ({@code invalid_cursor}) with other filters, and a checksum, so a mangled cursor is refused too.
 */
public record PageCursor(long offset, int limit) {

    private static final String VERSION = "c1";

    /** A short fingerprint of a query's filters and ordering (any stable text rendering of them). */
    public static String fingerprint(String queryShape) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(queryShape.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String encode(String fingerprint) {
        String body = VERSION + "|" + offset + "|" + limit + "|" + fingerprint;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((body + "|" + checksum(body)).getBytes(StandardCharsets.UTF_8));
    }

    public static PageCursor decode(String token, String fingerprint) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("cursor is not one this server issued");
        }
        String[] parts = text.split("\\|");
        if (parts.length != 5 || !VERSION.equals(parts[0])) {
            throw invalid("cursor is not one this server issued");
        }
        String body = String.join("|", parts[0], parts[1], parts[2], parts[3]);
        if (!checksum(body).equals(parts[4])) {
            throw invalid("cursor is corrupted");
        }
        if (!parts[3].equals(fingerprint)) {
            throw invalid("cursor was issued for other filters or another ordering");
        }
        try {
            long offset = Long.parseLong(parts[1]);
            int limit = Integer.parseInt(parts[2]);
            if (offset < 0 || limit < 1) {
                throw invalid("cursor is corrupted");
            }
            return new PageCursor(offset, limit);
        } catch (NumberFormatException e) {
            throw invalid("cursor is corrupted");
        }
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }

    private static BeaconException invalid(String message) {
        return new BeaconException(ErrorCode.INVALID_CURSOR, message);
    }
}
