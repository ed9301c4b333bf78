package io.beacon.gateway.feed;

import io.beacon.gateway.ws.OutboundBuffers;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * What pushing holds in memory, as Micrometer meters (under {@code /actuator/metrics}): the ring of
 * recent events, the subscriptions' queues, the sessions' send buffers, and how many slow readers were
 * cut off. Operators see the bounds of PRODUCT.md §7 hold; the feeds benchmark reads them too.
 */
@Component
class FeedMetrics implements MeterBinder {

    private final EventFeed feed;
    private final OutboundBuffers outbound;

    FeedMetrics(EventFeed feed, OutboundBuffers outbound) {
        this.feed = feed;
        this.outbound = outbound;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("beacon.feed.retained.events", feed, EventFeed::retainedEvents)
                .description("pushed events kept in memory for resume").register(registry);
        Gauge.builder("beacon.feed.retained.weight", feed, EventFeed::retainedWeight)
                .description("characters of the pushed events kept for resume").register(registry);
        Gauge.builder("beacon.feed.queued.weight", feed, EventFeed::queuedWeight)
                .description("characters of events queued for delivery, all subscriptions").register(registry);
        Gauge.builder("beacon.feed.queued.peak.weight", feed, EventFeed::peakQueuedWeight)
                .description("the most one subscription has had queued").register(registry);
        FunctionCounter.builder("beacon.feed.cutoffs", feed, EventFeed::cutOffs)
                .description("subscriptions cut off for falling behind").register(registry);
        Gauge.builder("beacon.websocket.send.buffered", outbound, OutboundBuffers::bufferedBytes).baseUnit("bytes")
                .description("bytes waiting in the sessions' send buffers").register(registry);
        Gauge.builder("beacon.websocket.send.buffered.peak", outbound, OutboundBuffers::peakSessionBytes)
                .baseUnit("bytes").description("the most one session has had waiting").register(registry);
    }
}
