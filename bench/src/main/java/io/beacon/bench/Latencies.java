package io.beacon.bench;

import java.util.Arrays;
import java.util.List;

/** Recorded durations (nanoseconds or any unit), exact percentiles by sorting; one instance per thread, merged after. */
final class Latencies {

    private long[] values;
    private int size;

    Latencies() {
        this(1024);
    }

    /** Room for {@code capacity} values before the first copy. */
    Latencies(int capacity) {
        values = new long[Math.max(16, capacity)];
    }

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

    /** Several nearest-rank percentiles (each in (0, 100]) with one sort; NaN each when empty. */
    double[] percentiles(double... ps) {
        double[] out = new double[ps.length];
        if (size == 0) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        for (int i = 0; i < ps.length; i++) {
            int rank = (int) Math.ceil(ps[i] / 100.0 * size);
            out[i] = sorted[Math.min(size, Math.max(1, rank)) - 1];
        }
        return out;
    }

    /** Adds every value of {@code other}. */
    void addAll(Latencies other) {
        if (size + other.size > values.length) {
            values = Arrays.copyOf(values, Math.max(values.length * 2, size + other.size));
        }
        System.arraycopy(other.values, 0, values, size, other.size);
        size += other.size;
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
