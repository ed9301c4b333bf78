package io.beacon.bench;

import java.util.Arrays;
import java.util.List;

/** Recorded durations (nanoseconds or any unit), exact percentiles by sorting; one instance per thread, merged after. */
final class Latencies {

    private long[] values = new long[1024];
    private int size;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int count() {
        return size;
    }

    static Latencies merge(List<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies part : parts) {
            for (int i = 0; i < part.size; i++) {
                all.add(part.values[i]);
            }
        }
        return all;
    }

    /** Nearest-rank percentile, {@code p} in (0, 100]; NaN when empty. */
    double percentile(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.min(size, Math.max(1, rank)) - 1];
    }

    double mean() {
        if (size == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        return sum / size;
    }

    /** p50/p99 in milliseconds of values recorded in nanoseconds. */
    String summaryMs() {
        return String.format("p50=%.2f ms p99=%.2f ms mean=%.2f ms", percentile(50) / 1e6, percentile(99) / 1e6, mean() / 1e6);
    }
}
