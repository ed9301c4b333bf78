package io.beacon.gateway.it;

import io.beacon.readmodel.ProjectionDefinition;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Slows down the replays of one read model, for tests that must catch a replay midway: every event a
 * replay of {@code beacon.test.replay-throttle.projection} handles takes {@code beacon.test.replay-throttle}
 * longer, after the read model's own handlers (which run unchanged). The live processors are not touched.
 *
 * <p>Given to a Beacon process as a source ({@code --spring.main.sources=io.beacon.gateway.it.ReplayThrottle}),
 * never scanned: it carries no stereotype, so the test contexts that scan {@code io.beacon} do not get it.
 */
class ReplayThrottle implements BeanPostProcessor, EnvironmentAware {

    static final String SOURCE_ARGUMENT = "--spring.main.sources=" + ReplayThrottle.class.getName();

    private String projection = "companies";
    private Duration delay = Duration.ZERO;

    /** The command-line arguments that slow every event of a replay of {@code projection} by {@code delay}. */
    static String[] arguments(String projection, Duration delay) {
        return new String[]{SOURCE_ARGUMENT, "--beacon.test.replay-throttle.projection=" + projection,
                "--beacon.test.replay-throttle=" + delay};
    }

    @Override
    public void setEnvironment(Environment environment) {
        projection = environment.getProperty("beacon.test.replay-throttle.projection", projection);
        delay = environment.getProperty("beacon.test.replay-throttle", Duration.class, Duration.ZERO);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof ProjectionDefinition definition && definition.name().equals(projection) && !delay.isZero()) {
            return new ProjectionDefinition(definition.name(), definition.collections(), definition.collectionPrefixes(),
                    (mongo, emitter) -> {
                        List<Object> handlers = new ArrayList<>(definition.handlers().apply(mongo, emitter));
                        handlers.add(new Delay(delay));
                        return handlers;
                    },
                    definition.indexes());
        }
        return bean;
    }

    /** Handles every event by waiting. */
    static final class Delay {

        private final long millis;

        Delay(Duration delay) {
            this.millis = delay.toMillis();
        }

        @EventHandler
        void on(Object event) throws InterruptedException {
            Thread.sleep(millis);
        }
    }
}
