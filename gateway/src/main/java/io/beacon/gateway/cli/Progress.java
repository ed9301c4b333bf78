package io.beacon.gateway.cli;

/**
 * One progress reading as the bar shows it: {@code done} of {@code total} {@code unit}s, {@code percent}
 * (0–100), the rate per second and the seconds left ({@code null} while unknown), and a word for where the
 * work stands when it is worth saying ({@code queued}, {@code switching}; null otherwise).
 */
record Progress(long done, long total, Unit unit, int percent, Double perSecond, Long etaSeconds, String state) {

    /**
     * This reading with the average rate of the whole run, for the last line: the rate of the last seconds says
     * little once the work is done (an import's last seconds wait for the read model, with no row moving).
     */
    Progress averagedOver(long elapsedNanos) {
        if (elapsedNanos <= 0) {
            return this;
        }
        return new Progress(done, total, unit, percent, done * 1e9 / elapsedNanos, etaSeconds, state);
    }

    enum Unit {
        EVENTS("events", "ev/s"),
        ROWS("rows", "rows/s");

        final String plural;
        final String rate;

        Unit(String plural, String rate) {
            this.plural = plural;
            this.rate = rate;
        }
    }
}
