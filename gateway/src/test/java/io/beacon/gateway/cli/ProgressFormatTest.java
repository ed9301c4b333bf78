package io.beacon.gateway.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressFormatTest {

    @Test
    void aLineShowsBarPercentCountsRateAndEta() {
        Progress progress = new Progress(420_000, 1_000_000, Progress.Unit.EVENTS, 42, 8_123.4, 72L, null);

        assertThat(ProgressFormat.line(progress))
                .isEqualTo("[############..................]  42%  420,000/1,000,000 events  8,123 ev/s  ETA 1m12s");
    }

    @Test
    void unknownRateAndEtaShowAsDashesAndAStateIsAppended() {
        Progress progress = new Progress(0, 500, Progress.Unit.ROWS, 0, null, null, "queued");

        assertThat(ProgressFormat.line(progress))
                .isEqualTo("[..............................]   0%  0/500 rows  -- rows/s  ETA --  (queued)");
    }

    @Test
    void theBarFillsOneCellPerWholeShareAndStaysInBounds() {
        assertThat(ProgressFormat.bar(0)).isEqualTo("[" + ".".repeat(30) + "]");
        assertThat(ProgressFormat.bar(3)).isEqualTo("[" + ".".repeat(30) + "]");
        assertThat(ProgressFormat.bar(4)).isEqualTo("[#" + ".".repeat(29) + "]");
        assertThat(ProgressFormat.bar(99)).isEqualTo("[" + "#".repeat(29) + ".]");
        assertThat(ProgressFormat.bar(100)).isEqualTo("[" + "#".repeat(30) + "]");
        assertThat(ProgressFormat.bar(140)).isEqualTo(ProgressFormat.bar(100));
        assertThat(ProgressFormat.bar(-5)).isEqualTo(ProgressFormat.bar(0));
    }

    @Test
    void countsAreGroupedByThousandsWithCommas() {
        assertThat(ProgressFormat.count(0)).isEqualTo("0");
        assertThat(ProgressFormat.count(999)).isEqualTo("999");
        assertThat(ProgressFormat.count(1_000)).isEqualTo("1,000");
        assertThat(ProgressFormat.count(1_234_567_890L)).isEqualTo("1,234,567,890");
    }

    @Test
    void slowRatesKeepOneDecimalAndFastOnesAreWholeAndGrouped() {
        assertThat(ProgressFormat.rate(0.0)).isEqualTo("0.0");
        assertThat(ProgressFormat.rate(0.25)).isEqualTo("0.3");
        assertThat(ProgressFormat.rate(9.94)).isEqualTo("9.9");
        assertThat(ProgressFormat.rate(9.96)).isEqualTo("10");
        assertThat(ProgressFormat.rate(812.5)).isEqualTo("813");
        assertThat(ProgressFormat.rate(12_345.4)).isEqualTo("12,345");
        assertThat(ProgressFormat.rate(null)).isEqualTo("--");
        assertThat(ProgressFormat.rate(Double.NaN)).isEqualTo("--");
        assertThat(ProgressFormat.rate(-1.0)).isEqualTo("--");
    }

    @Test
    void etaReadsInTheTwoLargestUnits() {
        assertThat(ProgressFormat.eta(0L)).isEqualTo("0s");
        assertThat(ProgressFormat.eta(59L)).isEqualTo("59s");
        assertThat(ProgressFormat.eta(60L)).isEqualTo("1m00s");
        assertThat(ProgressFormat.eta(72L)).isEqualTo("1m12s");
        assertThat(ProgressFormat.eta(3_599L)).isEqualTo("59m59s");
        assertThat(ProgressFormat.eta(3_600L)).isEqualTo("1h00m");
        assertThat(ProgressFormat.eta(7_380L)).isEqualTo("2h03m");
        assertThat(ProgressFormat.eta(86_400L + 4 * 3_600L + 59)).isEqualTo("1d04h");
        assertThat(ProgressFormat.eta(null)).isEqualTo("--");
    }

    @Test
    void elapsedTimesReadAsMillisecondsSecondsOrMinutes() {
        assertThat(ProgressFormat.elapsed(850_000_000L)).isEqualTo("850ms");
        assertThat(ProgressFormat.elapsed(3_240_000_000L)).isEqualTo("3.2s");
        assertThat(ProgressFormat.elapsed(72_000_000_000L)).isEqualTo("1m12s");
    }
}
