package io.beacon.gateway.feed;

/**
 * The internal feed channels of notifications: {@code notifications:<user uuid>} for one user's,
 * {@value #BROADCAST} for broadcasts. Clients never name them: a subscription to the public channel
 * {@code notifications} reads its user's channel and the broadcast one. Both carry event-store positions
 * as offsets, so one {@code since} resumes both.
 */
public final class NotificationFeeds {

    public static final String PUBLIC = "notifications";
    public static final String BROADCAST = PUBLIC + ":*";
    private static final String USER_PREFIX = PUBLIC + ":";

    private NotificationFeeds() {
    }

    /** The feed channel of notifications addressed to this user (canonical, lower-case uuid). */
    public static String user(String userUuid) {
        return USER_PREFIX + userUuid;
    }
}
