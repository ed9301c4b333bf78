package io.beacon.bench.store;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the commands the driver sends, by name, and the documents inserts wrote (optional,
 * {@code --count-commands=true}: how many round trips, how large the engine's groups are).
 */
final class Commands implements CommandListener {

    static final Commands INSTANCE = new Commands();
    static final String INSERTED_DOCUMENTS = "(documents inserted)";

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        counts.computeIfAbsent(event.getCommandName(), name -> new LongAdder()).increment();
        if ("insert".equals(event.getCommandName()) && event.getResponse().isNumber("n")) {
            counts.computeIfAbsent(INSERTED_DOCUMENTS, name -> new LongAdder())
                    .add(event.getResponse().getNumber("n").longValue());
        }
    }

    Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((name, count) -> snapshot.put(name, count.sum()));
        return snapshot;
    }

    static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> difference = new TreeMap<>();
        after.forEach((name, count) -> {
            long d = count - before.getOrDefault(name, 0L);
            if (d > 0) {
                difference.put(name, d);
            }
        });
        return difference;
    }
}
