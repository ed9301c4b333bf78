package io.beacon.gateway.cli;

/** The command line cannot be run as given: exit code 2, with the reason and the usage. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
