package io.beacon.gateway.write;

import io.beacon.common.BeaconException;
import io.beacon.common.VersionedView;
import io.beacon.gateway.ws.ActionFamily;
import io.beacon.gateway.ws.Endpoint;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A family of write actions on the companies endpoint: each checks the {@link #guard}, sends a
 * command through {@link #commands} and answers once {@link #readYourWrites} sees the result.
 */
public abstract class WriteActionFamily implements ActionFamily {

    protected final WriteCommands commands;
    protected final ReadYourWrites readYourWrites;
    protected final WriteGuard guard;

    protected WriteActionFamily(WriteCommands commands, ReadYourWrites readYourWrites, WriteGuard guard) {
        this.commands = commands;
        this.readYourWrites = readYourWrites;
        this.guard = guard;
    }

    @Override
    public final Endpoint endpoint() {
        return Endpoint.COMPANIES;
    }

    /** The written view, or {@code not_found} ("{@code what} not found") when the read model has none. */
    protected static <V extends VersionedView> CompletionStage<V> found(String what,
                                                                       CompletableFuture<Optional<V>> view) {
        return view.thenApply(found -> found.orElseThrow(() -> BeaconException.notFound(what + " not found")));
    }
}
