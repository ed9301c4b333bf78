package io.beacon.gateway.channel;

import io.beacon.gateway.auth.AuthenticatedUser;
import io.beacon.gateway.feed.NotificationFeeds;
import io.beacon.gateway.feed.UploadFeeds;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The channels a client may name, and who may subscribe to them: {@code uploads},
 * {@code notifications}, {@code system_status}, {@code companies}, {@code company:<uuid>} and
 * {@code audit} (admins only); and the feed channels a public channel reads for a user.
 */
final class ChannelNames {

    static final String AUDIT = "audit";
    private static final String COMPANY_PREFIX = "company:";
    private static final Set<String> FIXED = Set.of("uploads", "notifications", "system_status", "companies", AUDIT);
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ChannelNames() {
    }

    /**
     * The canonical form of {@code name} (a company uuid in lower case, as events carry it);
     * other names are returned as they are, so unknown ones are reported as the client wrote them.
     */
    static String canonical(String name) {
        if (name.startsWith(COMPANY_PREFIX) && UUID_TEXT.matcher(name.substring(COMPANY_PREFIX.length())).matches()) {
            return name.toLowerCase(Locale.ROOT);
        }
        return name;
    }

    /** Throws {@code SUBSCRIPTION_FAILED} unless {@code channel} (canonical) exists and {@code user} may read it. */
    static void requireSubscribable(String channel, AuthenticatedUser user) {
        boolean known = FIXED.contains(channel)
                || channel.startsWith(COMPANY_PREFIX) && UUID_TEXT.matcher(channel.substring(COMPANY_PREFIX.length())).matches();
        if (!known) {
            throw new ChannelException(ChannelErrorCode.SUBSCRIPTION_FAILED, "unknown channel: " + shorten(channel),
                    Map.of("channel", channel, "reason", "unknown_channel"));
        }
        if (AUDIT.equals(channel) && !user.isAdmin()) {
            throw new ChannelException(ChannelErrorCode.SUBSCRIPTION_FAILED, "channel audit is for admins only",
                    Map.of("channel", channel, "reason", "forbidden"));
        }
    }

    /**
     * The feed channels the public {@code channel} (canonical, subscribable) reads for {@code user}:
     * {@code notifications} is the user's own {@code notifications:<uuid>} plus the broadcasts'
     * {@code notifications:*}; {@code uploads} is the user's {@code uploads:<uuid>}, or {@code uploads:*} (every
     * upload) for an admin; every other channel is itself. Feed channels are never named by clients.
     */
    static List<String> feedChannels(String channel, AuthenticatedUser user) {
        if (NotificationFeeds.PUBLIC.equals(channel)) {
            return List.of(NotificationFeeds.user(user.uuid().toLowerCase(Locale.ROOT)), NotificationFeeds.BROADCAST);
        }
        if (UploadFeeds.PUBLIC.equals(channel)) {
            return List.of(user.isAdmin() ? UploadFeeds.ALL : UploadFeeds.owner(user.uuid().toLowerCase(Locale.ROOT)));
        }
        return List.of(channel);
    }

    private static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
