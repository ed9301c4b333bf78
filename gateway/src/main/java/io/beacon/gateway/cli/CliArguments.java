package io.beacon.gateway.cli;

import io.beacon.common.BeaconException;
import io.beacon.upload.value.UploadFormat;
import io.beacon.upload.value.UploadType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The command line parsed: the command, and the {@code --name=value} settings that go to Spring as they
 * would for a normal start (e.g. {@code --beacon.data-dir=/srv/beacon}).
 */
record CliArguments(CliCommand command, List<String> settings) {

    static final String USAGE = """
            Usage: java -jar gateway-<version>-exec.jar <command> [options] [--setting=value ...]

            Commands:
              replay <projection>       rebuild a read model from the first event (blue/green: the live one
                                        is replaced once the rebuilt one has caught up), e.g. replay companies
              import <file>             create the records of a CSV or NDJSON file, as an upload would
                  --type=companies|contacts   what the rows are (default: a company_uuid column or field
                                              means contacts, a name one companies)
                  --format=csv|ndjson         how the file is written (default: from its extension,
                                              .csv, or .ndjson / .jsonl)
              --help                    this text

            Settings are those of a normal start (environment variables work too), e.g.
            --beacon.data-dir=/srv/beacon. The embedded data directory must not be in use by a running Beacon.
            Exit codes: 0 done, 1 failed, 2 bad arguments.
            """;

    private static final Set<String> COMMANDS = Set.of("replay", "import");
    private static final Set<String> HELP = Set.of("--help", "-h", "help");

    /** True when {@code args} ask for a command rather than the server: a command word first, or help. */
    static boolean isCommand(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (HELP.contains(arg)) {
                return true;
            }
            if (arg.equals("--type") || arg.equals("--format")) {
                i++;
            } else if (!arg.startsWith("-")) {
                return COMMANDS.contains(arg);
            }
        }
        return false;
    }

    /** The command and settings of {@code args}; {@link UsageException} when they do not make one. */
    static CliArguments parse(String[] args) {
        List<String> words = new ArrayList<>();
        List<String> settings = new ArrayList<>();
        String type = null;
        String format = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (HELP.contains(arg)) {
                return new CliArguments(new CliCommand.Help(), List.of());
            }
            if (arg.equals("--type") || arg.equals("--format")) {
                if (i + 1 == args.length) {
                    throw new UsageException(arg + " needs a value");
                }
                String value = args[++i];
                if (arg.equals("--type")) {
                    type = once("--type", type, value);
                } else {
                    format = once("--format", format, value);
                }
            } else if (arg.startsWith("--type=")) {
                type = once("--type", type, arg.substring("--type=".length()));
            } else if (arg.startsWith("--format=")) {
                format = once("--format", format, arg.substring("--format=".length()));
            } else if (arg.startsWith("--") && arg.indexOf('=') > 2) {
                settings.add(arg);
            } else if (arg.startsWith("-")) {
                throw new UsageException("unknown option " + arg);
            } else {
                words.add(arg);
            }
        }
        if (words.isEmpty()) {
            throw new UsageException("name a command: replay or import");
        }
        String command = words.get(0);
        CliCommand parsed = switch (command) {
            case "replay" -> replay(words, type, format);
            case "import" -> importing(words, type, format);
            default -> throw new UsageException("unknown command " + command);
        };
        return new CliArguments(parsed, List.copyOf(settings));
    }

    private static CliCommand replay(List<String> words, String type, String format) {
        if (type != null || format != null) {
            throw new UsageException("--type and --format are options of import");
        }
        if (words.size() != 2) {
            throw new UsageException(words.size() < 2 ? "replay needs a projection, e.g. replay companies"
                    : "replay takes one projection");
        }
        return new CliCommand.Replay(words.get(1));
    }

    private static CliCommand importing(List<String> words, String type, String format) {
        if (words.size() != 2) {
            throw new UsageException(words.size() < 2 ? "import needs a file, e.g. import companies.csv"
                    : "import takes one file");
        }
        Path file = Path.of(words.get(1));
        return new CliCommand.Import(file, type == null ? null : type(type),
                format == null ? formatOf(file) : format(format));
    }

    private static UploadType type(String value) {
        try {
            return UploadType.of(value.toLowerCase(Locale.ROOT));
        } catch (BeaconException e) {
            throw new UsageException("--type must be companies or contacts, not " + value);
        }
    }

    private static UploadFormat format(String value) {
        try {
            return UploadFormat.of(value.toLowerCase(Locale.ROOT));
        } catch (BeaconException e) {
            throw new UsageException("--format must be csv or ndjson, not " + value);
        }
    }

    private static UploadFormat formatOf(Path file) {
        Path name = file.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return UploadFormat.CSV;
        }
        if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) {
            return UploadFormat.NDJSON;
        }
        throw new UsageException("cannot tell the format of " + file + " from its extension: say --format=csv|ndjson");
    }

    private static String once(String option, String previous, String value) {
        if (previous != null) {
            throw new UsageException(option + " is given twice");
        }
        if (value.isBlank()) {
            throw new UsageException(option + " needs a value");
        }
        return value;
    }
}
