package io.beacon.gateway.auth;

import java.nio.file.Path;

/** A secret read from, or just written to, a file of the data directory. */
record StoredSecret(String value, Path file, boolean generated) {
}
