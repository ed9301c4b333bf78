package io.beacon.gateway.cli;

import io.beacon.common.BeaconException;
import io.beacon.gateway.upload.TrustedUploads;
import io.beacon.projection.ProjectionAdmin;
import io.beacon.upload.query.UploadView;
import io.beacon.upload.value.UploadFormat;
import io.beacon.upload.value.UploadId;
import io.beacon.upload.value.UploadType;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The command-line mode of the jar: {@code replay <projection>} and {@code import <file>} run Beacon in this
 * process on its store (the embedded data directory, or MONGODB_URI), do the one thing with a progress bar on
 * the error stream, and exit: {@value #EXIT_OK} done, {@value #EXIT_FAILED} failed, {@value #EXIT_USAGE} bad
 * arguments. Results go to standard output; progress and errors to the error stream.
 */
public final class BeaconCli {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private BeaconCli() {
    }

    /** True when {@code args} name a command (or ask for help) rather than start the server. */
    public static boolean handles(String[] args) {
        return CliArguments.isCommand(args);
    }

    /** Runs the command {@code args} name, on the process's own streams; answers the exit code. */
    public static int run(String[] args) {
        return run(args, System.out, System.err, terminal());
    }

    static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        CliArguments arguments;
        CliCommand command;
        try {
            arguments = CliArguments.parse(args);
            command = resolve(arguments.command());
        } catch (UsageException e) {
            err.println("beacon: " + e.getMessage());
            err.println();
            err.print(CliArguments.USAGE);
            err.flush();
            return EXIT_USAGE;
        }
        if (command instanceof CliCommand.Help) {
            out.print(CliArguments.USAGE);
            out.flush();
            return EXIT_OK;
        }
        ConfigurableApplicationContext context;
        try {
            context = CliSpring.start(arguments.settings(), err);
        } catch (RuntimeException e) {
            if (DataDirInUseException.causedBy(e)) {
                err.println("beacon: " + (e instanceof DataDirInUseException ? e.getMessage()
                        : "the data directory is in use by a running Beacon (its store file is locked): stop it first"));
            } else {
                err.println("beacon: Beacon could not start:");
                e.printStackTrace(err);
            }
            return EXIT_FAILED;
        }
        ProgressReporter progress = new ProgressReporter(err, terminal, System::nanoTime);
        AtomicBoolean stopped = new AtomicBoolean();
        Thread onStop = new Thread(() -> {
            stopped.set(true);
            progress.interrupt();
            err.println("beacon: stopped; " + resumption(command));
            err.flush();
        }, "beacon-cli-stopped");
        Runtime.getRuntime().addShutdownHook(onStop);
        try (context) {
            return execute(command, context, progress, out, err);
        } catch (Exception e) {
            if (!stopped.get()) {
                progress.interrupt();
                err.println("beacon: " + describe(command) + " failed: "
                        + (e instanceof BeaconException known ? known.getMessage() : e.toString()));
            }
            return EXIT_FAILED;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onStop);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook runs.
            }
        }
    }

    /** What becomes of the work a stop (Ctrl-C, SIGTERM) cut short: it is kept, and goes on at the next start. */
    private static String resumption(CliCommand command) {
        return command instanceof CliCommand.Replay
                ? "the replay goes on from where it stood at the next start of Beacon on this store (the live read"
                + " model answers meanwhile); run the same replay command to follow it"
                : "the upload goes on from its last recorded row at the next start of Beacon on this store; do not"
                + " import the file again (its rows without a uuid would be created twice)";
    }

    /** Checks an import's file and settles its type before anything starts, so a mistake costs no start-up. */
    private static CliCommand resolve(CliCommand command) {
        if (command instanceof CliCommand.Import importing) {
            Path file = importing.file();
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new UsageException("no readable file " + file);
            }
            if (importing.type() == null) {
                return new CliCommand.Import(file, ImportTypes.detect(file, importing.format()), importing.format());
            }
        }
        return command;
    }

    private static int execute(CliCommand command, ConfigurableApplicationContext context, ProgressReporter progress,
                               PrintStream out, PrintStream err) throws Exception {
        if (command instanceof CliCommand.Replay replay) {
            ProjectionAdmin admin = context.getBeanProvider(ProjectionAdmin.class).getIfAvailable();
            if (admin == null) {
                err.println("beacon: this build has no projection replays");
                return EXIT_FAILED;
            }
            return new ReplayRunner(admin, progress, out, err, System::nanoTime).run(replay.projection());
        }
        CliCommand.Import importing = (CliCommand.Import) command;
        TrustedUploads uploads = context.getBean(TrustedUploads.class);
        UploadTarget target = new UploadTarget() {
            @Override
            public UploadView start(UploadType type, UploadFormat format, String fileName, InputStream body)
                    throws IOException {
                return uploads.start(CliActor.USER, type, format, fileName, body);
            }

            @Override
            public UploadView find(UploadId id, int errorsLimit) {
                return uploads.find(CliActor.USER, id, errorsLimit);
            }
        };
        return new ImportRunner(target, progress, out, err, System::nanoTime, duration -> Thread.sleep(duration.toMillis()))
                .run(importing.file(), importing.type(), importing.format());
    }

    private static String describe(CliCommand command) {
        return command instanceof CliCommand.Replay replay ? "replay " + replay.projection()
                : "import " + ((CliCommand.Import) command).file();
    }

    /**
     * Whether the error stream is read by a person: there is a console (on Java 17, stdin and stdout are a
     * terminal), and from Java 22 on, where a console exists even when redirected, it says it is a terminal.
     */
    static boolean terminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException before22) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
