package io.beacon.gateway.cli;

import java.nio.file.Path;

/** The embedded store's file is held by another process: a Beacon is running on the data directory. */
final class DataDirInUseException extends RuntimeException {

    DataDirInUseException(Path dataDir) {
        super("the data directory " + dataDir + " is in use by a running Beacon (its store file is locked):"
                + " stop that Beacon first, or replay and import through it (replay_projection, uploads)");
    }

    /** True when {@code failure} or a cause of it is H2 refusing a store file another process has open. */
    static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataDirInUseException
                    || cause.getMessage() != null && cause.getMessage().contains("The file is locked")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
