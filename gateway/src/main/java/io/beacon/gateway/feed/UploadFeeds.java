package io.beacon.gateway.feed;

/**
 * The internal feed channels of uploads: {@code uploads:<owner uuid>} for one user's uploads, {@value #ALL}
 * for every upload. Clients name only {@code uploads}: a user reads their own channel, an admin the
 * channel of all uploads.
 */
public final class UploadFeeds {

    public static final String PUBLIC = "uploads";
    public static final String ALL = PUBLIC + ":*";
    private static final String OWNER_PREFIX = PUBLIC + ":";

    private UploadFeeds() {
    }

    /** The feed channel of this user's uploads (canonical, lower-case uuid). */
    public static String owner(String userUuid) {
        return OWNER_PREFIX + userUuid;
    }
}
