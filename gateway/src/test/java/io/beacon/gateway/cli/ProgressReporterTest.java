package io.beacon.gateway.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressReporterTest {

    private static final Pattern PERCENT = Pattern.compile("] +(\\d+)%");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void withoutATerminalALineIsWrittenForEveryFivePercent() {
        ProgressReporter reporter = new ProgressReporter(stream, false, nanos::get);

        for (int percent = 0; percent <= 12; percent++) {
            reporter.update(progress(percent, null));
            nanos.addAndGet(100_000_000L);
        }

        assertThat(percents(lines())).containsExactly(0, 5, 10);
    }

    @Test
    void withoutATerminalASlowRunStillWritesALineEveryTenSeconds() {
        ProgressReporter reporter = new ProgressReporter(stream, false, nanos::get);

        for (int second = 0; second <= 25; second++) {
            reporter.update(progress(1, null));
            nanos.addAndGet(1_000_000_000L);
        }

        // at 0 s, 10 s and 20 s
        assertThat(lines()).hasSize(3);
    }

    @Test
    void withoutATerminalAChangeOfStateIsWrittenAtOnce() {
        ProgressReporter reporter = new ProgressReporter(stream, false, nanos::get);

        reporter.update(progress(99, null));
        reporter.update(progress(99, null));
        reporter.update(progress(99, "switching"));

        assertThat(lines()).hasSize(2);
        assertThat(lines().get(1)).endsWith("(switching)");
    }

    @Test
    void theLastReadingIsAlwaysWrittenButNeverTwice() {
        ProgressReporter reporter = new ProgressReporter(stream, false, nanos::get);

        reporter.update(progress(7, null));
        reporter.finish(progress(100, null));

        assertThat(percents(lines())).containsExactly(7, 100);

        ProgressReporter again = new ProgressReporter(stream, false, nanos::get);
        bytes.reset();
        again.update(progress(100, null));
        again.finish(progress(100, null));
        assertThat(lines()).hasSize(1);
    }

    @Test
    void onATerminalOneLineIsRedrawnInPlaceAndEndedAtTheFinish() {
        ProgressReporter reporter = new ProgressReporter(stream, true, nanos::get);

        reporter.update(progress(10, "queued"));
        reporter.update(progress(20, null));
        reporter.finish(progress(100, null));

        String written = bytes.toString(StandardCharsets.UTF_8);
        String[] draws = written.split("\r", -1);
        assertThat(draws).hasSize(4);
        assertThat(draws[0]).isEmpty();
        assertThat(draws[1]).isEqualTo(ProgressFormat.line(progress(10, "queued")));
        // The shorter line covers what the longer one left with spaces.
        assertThat(draws[2]).startsWith(ProgressFormat.line(progress(20, null)));
        assertThat(draws[2]).hasSameSizeAs(draws[1]);
        assertThat(draws[2].substring(ProgressFormat.line(progress(20, null)).length())).isBlank();
        assertThat(draws[3]).isEqualTo(ProgressFormat.line(progress(100, null)) + System.lineSeparator());
        assertThat(written.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }

    @Test
    void anInterruptionEndsABarDrawnOnATerminalAndNothingIsDrawnAfter() {
        ProgressReporter reporter = new ProgressReporter(stream, true, nanos::get);

        reporter.update(progress(10, null));
        reporter.interrupt();
        String written = bytes.toString(StandardCharsets.UTF_8);
        reporter.update(progress(20, null));
        reporter.finish(progress(100, null));

        assertThat(written).endsWith(System.lineSeparator());
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(written);
    }

    private static Progress progress(int percent, String state) {
        return new Progress(percent * 10L, 1_000, Progress.Unit.ROWS, percent, 50.0, 10L, state);
    }

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static List<Integer> percents(List<String> lines) {
        return lines.stream().map(line -> {
            Matcher percent = PERCENT.matcher(line);
            assertThat(percent.find()).as(line).isTrue();
            return Integer.parseInt(percent.group(1));
        }).toList();
    }
}
