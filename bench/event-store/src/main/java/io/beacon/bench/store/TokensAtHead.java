package io.beacon.bench.store;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The replay bench without a live catch-up ({@code CATCHUP=0}): moves the token of every live event processor of
 * a generated store to the head, without handling the events, so that the replay (and the read baseline) run
 * beside live processors that are idle at the head, as on a server that is up to date, rather than beside four
 * processors catching up from the first event. The live read models stay as the generator left them (empty, or
 * the few events a processor handled in the moment between Beacon's start and {@link OfflineBeacon#stopReaders});
 * the replay builds the companies read model from the first event either way and switches to it.
 * {@code --data-dir=DIR}
 */
public final class TokensAtHead {

    private TokensAtHead() {
    }

    public static void main(String[] args) {
        Map<String, String> a = ReplayData.Args.parse(args);
        Path dataDir = Path.of(ReplayData.Args.required(a, "data-dir"));
        ConfigurableApplicationContext context = OfflineBeacon.start(dataDir, List.of());
        int exit = 1;
        try {
            List<String> stopped = OfflineBeacon.stopReaders(context);
            TokenStore tokens = context.getBean(TokenStore.class);
            TrackingToken headToken = context.getBean(EventStore.class).createHeadToken();
            long head = headToken == null ? 0 : headToken.position().orElse(0);
            GlobalSequenceTrackingToken atHead = new GlobalSequenceTrackingToken(head);
            List<String> moved = new ArrayList<>();
            for (String name : context.getBean(EventProcessingConfiguration.class).eventProcessors().keySet()) {
                int[] segments = tokens.fetchSegments(name);
                if (segments.length == 0) {
                    tokens.initializeTokenSegments(name, 1, atHead);
                    moved.add(name + " (new) -> " + head);
                    continue;
                }
                for (int segment : segments) {
                    TrackingToken before = tokens.fetchToken(name, segment);
                    tokens.storeToken(atHead, name, segment);
                    tokens.releaseClaim(name, segment);
                    moved.add(name + "/" + segment + " " + (before == null ? "none" : before.position().orElse(-1))
                            + " -> " + head);
                }
            }
            System.out.println("# stopped: " + stopped);
            System.out.println("# tokens at the head: " + moved);
            exit = 0;
        } finally {
            context.close();
        }
        System.exit(exit);
    }
}
