package io.beacon.gateway.cli;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Before anything of Beacon starts: refuses at once, with {@link DataDirInUseException}, a data directory
 * whose embedded store file another process holds (H2 keeps an exclusive lock on it while open), rather than
 * failing later deep in the store's start with a stack trace. It reads the settings from the environment
 * Spring prepared, so the data directory is the one the store would open whichever way it was set.
 */
final class DataDirCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final String STORE_FILE = "beacon.mv";

    private final PrintStream notes;

    DataDirCheck(PrintStream notes) {
        this.notes = notes;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        String uri = environment.getProperty("beacon.mongodb-uri", "");
        if (!uri.isBlank()) {
            // Never printed: the URI may carry a password.
            notes.println("starting Beacon on MongoDB (MONGODB_URI) ...");
            return;
        }
        Path dataDir = Path.of(environment.getProperty("beacon.data-dir", "./data")).toAbsolutePath().normalize();
        requireFree(dataDir);
        notes.println("starting Beacon on the embedded store in " + dataDir + " ...");
    }

    /** {@link DataDirInUseException} when the store file in {@code dataDir} is locked by another process. */
    static void requireFree(Path dataDir) {
        Path file = dataDir.resolve(STORE_FILE);
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldHere) {
                throw new DataDirInUseException(dataDir);
            }
            if (lock == null) {
                throw new DataDirInUseException(dataDir);
            }
            // Released when the channel closes, before the store opens the file.
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    @Override
    public int getOrder() {
        // After the config files are read (EnvironmentPostProcessorApplicationListener, +10) and logging is set up
        // (LoggingApplicationListener, +20), so the command line's log levels hold for the refusal too.
        return Ordered.HIGHEST_PRECEDENCE + 21;
    }
}
