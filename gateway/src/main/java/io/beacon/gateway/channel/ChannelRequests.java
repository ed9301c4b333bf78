package io.beacon.gateway.channel;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code data} of {@code subscribe} and {@code unsubscribe}. Shape errors are
 * {@code INVALID_REQUEST}; whether a channel exists is {@link ChannelNames}' business.
 */
final class ChannelRequests {

    private static final Set<String> SUBSCRIBE_FIELDS = Set.of("channels", "since");
    private static final Set<String> UNSUBSCRIBE_FIELDS = Set.of("channels");

    private ChannelRequests() {
    }

    /** {@code subscribe}: the channels (canonical, duplicates dropped) and the offsets to resume after. */
    record Subscribe(List<String> channels, Map<String, Long> since) {
    }

    static Subscribe subscribe(JsonNode data) {
        requireOnly(data, SUBSCRIBE_FIELDS, "subscribe");
        List<String> channels = channels(data);
        JsonNode sinceNode = data.get("since");
        if (sinceNode == null || sinceNode.isNull()) {
            return new Subscribe(channels, Map.of());
        }
        if (!sinceNode.isObject()) {
            throw ChannelException.invalidRequest("since must be an object of channel to offset");
        }
        Map<String, Long> since = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : sinceNode.properties()) {
            String channel = ChannelNames.canonical(entry.getKey());
            if (!channels.contains(channel)) {
                throw new ChannelException(ChannelErrorCode.INVALID_REQUEST,
                        "since names a channel that is not in channels", Map.of("channel", entry.getKey()));
            }
            since.put(channel, offset(entry.getKey(), entry.getValue()));
        }
        return new Subscribe(channels, Collections.unmodifiableMap(since));
    }

    /** {@code unsubscribe}: the channels (canonical, duplicates dropped). */
    static List<String> unsubscribe(JsonNode data) {
        requireOnly(data, UNSUBSCRIBE_FIELDS, "unsubscribe");
        return channels(data);
    }

    private static List<String> channels(JsonNode data) {
        JsonNode node = data.get("channels");
        if (node == null || node.isNull()) {
            throw ChannelException.invalidRequest("Missing required field: channels");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw ChannelException.invalidRequest("channels must be a non-empty array of channel names");
        }
        Set<String> channels = new LinkedHashSet<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw ChannelException.invalidRequest("channels must be a non-empty array of channel names");
            }
            channels.add(ChannelNames.canonical(item.asText()));
        }
        return List.copyOf(channels);
    }

    /** An offset as pushed events carry it: a string of decimal digits (a JSON integer is accepted too). */
    private static long offset(String channel, JsonNode value) {
        String text = value.isTextual() ? value.asText() : value.isIntegralNumber() ? value.asText() : null;
        if (text != null && text.matches("[0-9]{1,19}")) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                // more than Long.MAX_VALUE: falls through to the refusal
            }
        }
        throw new ChannelException(ChannelErrorCode.INVALID_REQUEST,
                "since." + channel + " must be an offset received on that channel", Map.of("channel", channel));
    }

    private static void requireOnly(JsonNode data, Set<String> accepted, String type) {
        List<String> unknown = new ArrayList<>();
        data.fieldNames().forEachRemaining(name -> {
            if (!accepted.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new ChannelException(ChannelErrorCode.INVALID_REQUEST,
                    "unknown field(s) for " + type + ": " + String.join(", ", unknown), Map.of("fields", unknown));
        }
    }
}
