package io.beacon.gateway.cli;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.projection.value.ReplayId;
import io.beacon.projection.value.ReplayPhase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayRunnerTest {

    private static final long SECOND = 1_000_000_000L;

    private final FakeProjectionAdmin admin = new FakeProjectionAdmin();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void aCompletedReplayEndsAtOneHundredPercentAndExitsZero() throws Exception {
        admin.script.addAll(List.of(
                admin.tick(ReplayPhase.BUILDING, 400, 1_000, 400, 2L),
                admin.tick(ReplayPhase.BUILDING, 800, 1_000, 400, 1L),
                admin.tick(ReplayPhase.SWITCHING, 1_000, 1_000, 400, 0L),
                admin.tick(ReplayPhase.COMPLETED, 1_000, 1_000, 400, 0L)));

        int exit = runner().run("companies");

        assertThat(exit).isZero();
        List<String> bars = err().lines().toList();
        assertThat(bars.get(bars.size() - 1))
                .isEqualTo("[##############################] 100%  1,000/1,000 events  1,000 ev/s  ETA 0s");
        assertThat(bars).anyMatch(line -> line.contains(" 40%  400/1,000 events  400 ev/s  ETA 2s"));
        assertThat(bars).anyMatch(line -> line.endsWith("(switching)"));
        assertThat(out()).contains("replaying companies into generation 2")
                .contains("replayed companies: 1,000 events in");
        assertThat(admin.requestedBy).containsExactly(CliActor.EMAIL);
        assertThat(admin.watchers).as("the watcher is closed").isEmpty();
    }

    @Test
    void ticksOfOtherProjectionsAndOtherReplaysAreIgnored() throws Exception {
        admin.script.addAll(List.of(
                FakeProjectionAdmin.tick(ReplayId.random(), "contacts", ReplayPhase.COMPLETED, 5, 5, 1, 0L, null),
                FakeProjectionAdmin.tick(ReplayId.random(), "companies", ReplayPhase.FAILED, 5, 5, 1, 0L, "other"),
                admin.tick(ReplayPhase.COMPLETED, 1_000, 1_000, 400, 0L)));

        int exit = runner().run("companies");

        assertThat(exit).isZero();
        assertThat(err()).doesNotContain("5/5");
    }

    @Test
    void aFailedReplayExitsOneWithItsReason() throws Exception {
        admin.script.addAll(List.of(
                admin.tick(ReplayPhase.BUILDING, 500, 1_000, 250, 2L),
                FakeProjectionAdmin.tick(admin.replayId, "companies", ReplayPhase.FAILED, 500, 1_000, 250, null,
                        "switching over failed: boom")));

        int exit = runner().run("companies");

        assertThat(exit).isEqualTo(BeaconCli.EXIT_FAILED);
        assertThat(err()).contains("(failed)")
                .contains("replay of companies failed after").contains("switching over failed: boom")
                .contains("the live read model is unchanged");
    }

    @Test
    void anUnknownProjectionIsABadArgumentThatListsTheReplayableOnes() throws Exception {
        int exit = runner().run("widgets");

        assertThat(exit).isEqualTo(BeaconCli.EXIT_USAGE);
        assertThat(err()).contains("no projection named widgets can be replayed")
                .contains("replayable projections: companies, contacts");
    }

    @Test
    void aReplayAlreadyUnderWayIsFollowedToItsEnd() throws Exception {
        admin.refusal = new BeaconException(ErrorCode.CONFLICT, "a replay of companies is already under way");
        admin.readings.addAll(List.of(
                admin.tick(ReplayPhase.BUILDING, 100, 1_000, 100, 9L),
                admin.tick(ReplayPhase.BUILDING, 600, 1_000, 100, 4L),
                admin.tick(ReplayPhase.COMPLETED, 1_000, 1_000, 100, 0L)));

        int exit = runner().run("companies");

        assertThat(exit).isZero();
        assertThat(out()).contains("already under way").contains("following it");
        assertThat(err()).contains(" 60%  600/1,000 events");
        assertThat(lastLine(err())).contains("100%");
    }

    @Test
    void withoutTicksTheRunnerAsksWhereTheReplayStands() throws Exception {
        // No watcher is told anything: every reading comes from replay().
        admin.readings.addAll(List.of(
                admin.tick(ReplayPhase.BUILDING, 500, 1_000, 250, 2L),
                admin.tick(ReplayPhase.COMPLETED, 1_000, 1_000, 250, 0L)));

        int exit = runner().run("companies");

        assertThat(exit).isZero();
        assertThat(err()).contains(" 50%  500/1,000 events");
        assertThat(lastLine(err())).contains("100%");
    }

    @Test
    void anotherRefusalIsAFailure() {
        admin.refusal = new BeaconException(ErrorCode.CONFLICT, "a replay of companies is already under way");
        admin.current = admin.tick(ReplayPhase.COMPLETED, 1_000, 1_000, 100, 0L);

        assertThatThrownBy(() -> runner().run("companies")).isSameAs(admin.refusal);
    }

    @Test
    void theLastLineShowsTheAverageRateOfTheWholeRun() throws Exception {
        admin.script.add(admin.tick(ReplayPhase.COMPLETED, 1_000, 1_000, 0, 0L));
        ReplayRunner runner = new ReplayRunner(admin, reporter(), stream(out), stream(err),
                () -> nanos.getAndAdd(2 * SECOND), Duration.ofMillis(10));

        runner.run("companies");

        assertThat(lastLine(err())).contains("1,000/1,000 events  500 ev/s");
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().toList();
        return lines.get(lines.size() - 1);
    }

    private ReplayRunner runner() {
        // A second passes between the runner's two looks at the clock (its start and its end).
        return new ReplayRunner(admin, reporter(), stream(out), stream(err), () -> nanos.getAndAdd(SECOND),
                Duration.ofMillis(10));
    }

    private ProgressReporter reporter() {
        return new ProgressReporter(stream(err), false, nanos::get);
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
