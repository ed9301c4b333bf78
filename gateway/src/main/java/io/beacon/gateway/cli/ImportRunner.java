package io.beacon.gateway.cli;

import io.beacon.common.BeaconException;
import io.beacon.upload.query.UploadView;
import io.beacon.upload.value.RowError;
import io.beacon.upload.value.UploadStatus;
import io.beacon.upload.value.UploadType;
import io.beacon.upload.value.UploadFormat;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * {@code import <file>}: the file becomes an upload, exactly as if it had been posted to
 * {@code /api/v1/uploads} (stored, checked and counted; then the upload worker of this process turns its rows
 * into commands), and the upload is followed until it completes or fails. Stopped midway (Ctrl-C), the upload
 * is left accepted, and the next Beacon started on the store takes it up where it stood.
 */
final class ImportRunner {

    static final Duration POLL = Duration.ofMillis(250);
    /** Row errors shown at the end; the rest are one {@code GET /api/v1/uploads/{id}} away. */
    static final int ERRORS_SHOWN = 5;

    /** How the runner waits between two looks at the upload (the clock is faked in tests). */
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final UploadTarget uploads;
    private final ProgressReporter progress;
    private final PrintStream out;
    private final PrintStream err;
    private final LongSupplier nanoTime;
    private final Pause pause;

    ImportRunner(UploadTarget uploads, ProgressReporter progress, PrintStream out, PrintStream err,
                 LongSupplier nanoTime, Pause pause) {
        this.uploads = uploads;
        this.progress = progress;
        this.out = out;
        this.err = err;
        this.nanoTime = nanoTime;
        this.pause = pause;
    }

    int run(Path file, UploadType type, UploadFormat format) throws Exception {
        long started = nanoTime.getAsLong();
        UploadView view;
        try (InputStream body = Files.newInputStream(file)) {
            view = uploads.start(type, format, String.valueOf(file.getFileName()), body);
        } catch (BeaconException e) {
            err.println("the file was refused (" + e.code().wire() + "): " + e.getMessage());
            return BeaconCli.EXIT_FAILED;
        }
        out.println("importing " + ProgressFormat.count(view.totalRows()) + " " + type.wire() + " rows from " + file
                + " (upload " + view.uploadId() + "; Ctrl-C pauses it, the next Beacon start takes it up again)");
        RateMeter rate = new RateMeter();
        while (true) {
            rate.record(nanoTime.getAsLong(), view.rowsProcessed());
            if (view.status().finished()) {
                break;
            }
            progress.update(view(view, rate));
            pause.pause(POLL);
            view = uploads.find(view.uploadId(), 0);
        }
        UploadView last = uploads.find(view.uploadId(), ERRORS_SHOWN);
        long elapsed = nanoTime.getAsLong() - started;
        progress.finish(view(last, rate).averagedOver(elapsed));
        String took = ProgressFormat.elapsed(elapsed);
        if (last.status() == UploadStatus.FAILED) {
            err.println("import failed after " + took + ", " + ProgressFormat.count(last.rowsProcessed()) + " of "
                    + ProgressFormat.count(last.totalRows()) + " rows processed: " + last.failureReason());
            printErrors(last);
            return BeaconCli.EXIT_FAILED;
        }
        out.println("imported " + ProgressFormat.count(last.totalRows()) + " " + type.wire() + " rows in " + took
                + ": " + ProgressFormat.count(last.rowsCreated()) + " created, " + ProgressFormat.count(last.rowsFailed())
                + " failed");
        printErrors(last);
        return BeaconCli.EXIT_OK;
    }

    private void printErrors(UploadView view) {
        for (RowError error : view.errors()) {
            out.println("  row " + error.row() + ": " + error.message());
        }
        long more = view.rowsFailed() - view.errors().size();
        if (more > 0) {
            out.println("  ... and " + ProgressFormat.count(more) + " more (GET /api/v1/uploads/" + view.uploadId()
                    + " lists them all)");
        }
    }

    static Progress view(UploadView upload, RateMeter rate) {
        boolean done = upload.status() == UploadStatus.COMPLETED;
        String state = switch (upload.status()) {
            case QUEUED -> "queued";
            case FAILED -> "failed";
            default -> null;
        };
        return new Progress(upload.rowsProcessed(), upload.totalRows(), Progress.Unit.ROWS,
                done ? 100 : Math.min(99, upload.progress()), rate.perSecond(),
                done ? Long.valueOf(0) : rate.etaSeconds(upload.totalRows()), state);
    }
}
