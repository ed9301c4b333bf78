package io.beacon.gateway.cli;

import io.beacon.gateway.auth.AuthenticatedUser;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Who the command line acts as: one fixed system actor, recorded on the events it causes (an import's
 * owner, a replay's {@code requestedBy}). Whoever can run the jar on the data directory can read and write
 * the store's files anyway, so the command line asks for no key or password.
 */
final class CliActor {

    static final String NAME = "beacon-cli";
    static final String EMAIL = "cli@localhost";
    /** Name-based, so every run and every node records the same actor. */
    static final String UUID_TEXT = UUID.nameUUIDFromBytes(NAME.getBytes(StandardCharsets.UTF_8)).toString();
    static final AuthenticatedUser USER = new AuthenticatedUser(UUID_TEXT, EMAIL, NAME, AuthenticatedUser.ADMIN);

    private CliActor() {
    }
}
