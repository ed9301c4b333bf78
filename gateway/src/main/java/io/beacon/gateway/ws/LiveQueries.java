package io.beacon.gateway.ws;

import io.beacon.gateway.feed.EventFeed;
import org.springframework.stereotype.Component;

import java.util.concurrent.ExecutorService;

/** What the action endpoints need to serve {@code subscribe}: the event feed and the read-model catch-up. */
@Component
public class LiveQueries {

    private final EventFeed feed;
    private final ReadModelCatchUp catchUp;

    LiveQueries(EventFeed feed, ReadModelCatchUp catchUp) {
        this.feed = feed;
        this.catchUp = catchUp;
    }

    /** The live queries of one connection. */
    ActionSubscriptions forConnection(ExecutorService workers) {
        return new ActionSubscriptions(WireJson.MAPPER, feed, workers, catchUp);
    }
}
