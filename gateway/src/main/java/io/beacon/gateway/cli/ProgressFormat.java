package io.beacon.gateway.cli;

import java.util.Locale;

/**
 * How a progress reading reads on one line:
 * {@code [############..................]  42%  420,000/1,000,000 events  8,123 ev/s  ETA 1m12s}.
 * Counts are grouped by thousands with commas whatever the locale, so logs read the same everywhere.
 */
final class ProgressFormat {

    static final int BAR_WIDTH = 30;
    static final String UNKNOWN = "--";

    private ProgressFormat() {
    }

    static String line(Progress progress) {
        StringBuilder line = new StringBuilder(bar(progress.percent())).append(' ')
                .append(String.format(Locale.ROOT, "%3d%%", progress.percent())).append("  ")
                .append(count(progress.done())).append('/').append(count(progress.total())).append(' ')
                .append(progress.unit().plural).append("  ")
                .append(rate(progress.perSecond())).append(' ').append(progress.unit().rate).append("  ")
                .append("ETA ").append(eta(progress.etaSeconds()));
        if (progress.state() != null) {
            line.append("  (").append(progress.state()).append(')');
        }
        return line.toString();
    }

    /** {@code [#####.....]}, {@value #BAR_WIDTH} cells, a cell filled per whole share of the percent. */
    static String bar(int percent) {
        int clamped = Math.max(0, Math.min(100, percent));
        int filled = clamped * BAR_WIDTH / 100;
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "]";
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** One decimal below 10 a second (a slow start still shows movement), whole numbers above; unknown as --. */
    static String rate(Double perSecond) {
        if (perSecond == null || perSecond.isNaN() || perSecond.isInfinite() || perSecond < 0) {
            return UNKNOWN;
        }
        if (perSecond < 9.95) {
            return String.format(Locale.ROOT, "%.1f", perSecond);
        }
        return String.format(Locale.ROOT, "%,d", Math.round(perSecond));
    }

    /** {@code 42s}, {@code 1m12s}, {@code 2h03m}, {@code 3d04h}; unknown as --. */
    static String eta(Long seconds) {
        if (seconds == null || seconds < 0) {
            return UNKNOWN;
        }
        long s = seconds;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3_600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3_600, s % 3_600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86_400, s % 86_400 / 3_600);
    }

    /** A duration taken, for the closing summary: {@code 850ms}, {@code 3.2s}, {@code 1m12s}. */
    static String elapsed(long nanos) {
        long millis = nanos / 1_000_000;
        if (millis < 1_000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1_000.0);
        }
        return eta(millis / 1_000);
    }
}
