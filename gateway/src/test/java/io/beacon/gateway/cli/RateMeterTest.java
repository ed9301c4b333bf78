package io.beacon.gateway.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateMeterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theRateIsUnknownUntilTheReadingsSpanHalfASecond() {
        RateMeter meter = new RateMeter();

        meter.record(0, 0);
        assertThat(meter.perSecond()).isNull();
        meter.record(SECOND / 4, 100);
        assertThat(meter.perSecond()).isNull();
        assertThat(meter.etaSeconds(1_000)).isNull();
        meter.record(SECOND / 2, 200);
        assertThat(meter.perSecond()).isEqualTo(400.0);
    }

    @Test
    void theRateFollowsTheLastTenSecondsNotTheStart() {
        RateMeter meter = new RateMeter();

        // 1,000 a second for 20 s, then 100 a second for 20 s
        long count = 0;
        for (int second = 0; second <= 40; second++) {
            meter.record(second * SECOND, count);
            count += second < 20 ? 1_000 : 100;
        }

        assertThat(meter.perSecond()).isEqualTo(100.0);
    }

    @Test
    void theEtaIsTheRestAtTheCurrentRateRoundedUp() {
        RateMeter meter = new RateMeter();

        meter.record(0, 0);
        meter.record(2 * SECOND, 300);

        assertThat(meter.etaSeconds(1_000)).isEqualTo(5L);
        assertThat(meter.etaSeconds(301)).isEqualTo(1L);
    }

    @Test
    void aStalledCountHasNoEtaAndAFinishedOneHasNone() {
        RateMeter stalled = new RateMeter();
        stalled.record(0, 10);
        stalled.record(5 * SECOND, 10);
        assertThat(stalled.perSecond()).isEqualTo(0.0);
        assertThat(stalled.etaSeconds(100)).isNull();

        RateMeter done = new RateMeter();
        done.record(0, 100);
        assertThat(done.etaSeconds(100)).isZero();
    }
}
