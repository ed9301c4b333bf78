package io.beacon.gateway.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Writes progress readings to the error stream, so standard output keeps only the command's results. On a
 * terminal it redraws one line in place ({@code \r}); otherwise (a log file, a CI job) it writes a line
 * whenever the percent passes another {@value #LINE_EVERY_PERCENT} %, the state changes, or
 * {@link #LINE_EVERY} passed, so a log of a long run stays short and still shows that it moves.
 */
final class ProgressReporter {

    static final int LINE_EVERY_PERCENT = 5;
    static final Duration LINE_EVERY = Duration.ofSeconds(10);

    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private String lastLine;
    private int lastStep = -1;
    private String lastState;
    private long lastAt;
    private int drawnLength;
    private boolean stopped;

    ProgressReporter(PrintStream out, boolean terminal, LongSupplier nanoTime) {
        this.out = out;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
    }

    synchronized void update(Progress progress) {
        if (stopped) {
            return;
        }
        String line = ProgressFormat.line(progress);
        if (terminal) {
            redraw(line);
            return;
        }
        long now = nanoTime.getAsLong();
        int step = progress.percent() / LINE_EVERY_PERCENT;
        boolean due = lastLine == null || step > lastStep || !same(progress.state(), lastState)
                || now - lastAt >= LINE_EVERY.toNanos();
        if (due) {
            out.println(line);
            out.flush();
            lastLine = line;
            lastStep = step;
            lastState = progress.state();
            lastAt = now;
        }
    }

    /** The last reading, always shown; on a terminal the bar's line is then ended. */
    synchronized void finish(Progress progress) {
        if (stopped) {
            return;
        }
        String line = ProgressFormat.line(progress);
        if (terminal) {
            redraw(line);
            out.println();
        } else if (!line.equals(lastLine)) {
            out.println(line);
        }
        out.flush();
    }

    /**
     * Ends a bar drawn in place, so a message written next starts on its own line; no reading is shown after
     * (the command was stopped or failed, possibly from another thread).
     */
    synchronized void interrupt() {
        stopped = true;
        if (terminal && drawnLength > 0) {
            out.println();
            out.flush();
            drawnLength = 0;
        }
    }

    private void redraw(String line) {
        // Spaces over what a longer previous line left behind.
        String padding = " ".repeat(Math.max(0, drawnLength - line.length()));
        out.print("\r" + line + padding);
        out.flush();
        drawnLength = line.length();
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
