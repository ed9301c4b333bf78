package io.beacon.gateway.cli;

import io.beacon.upload.value.UploadFormat;
import io.beacon.upload.value.UploadType;

import java.nio.file.Path;

/** What the command line was asked to do. */
sealed interface CliCommand {

    /** {@code replay <projection>}: rebuild one read model from the first event (blue/green). */
    record Replay(String projection) implements CliCommand {
    }

    /**
     * {@code import <file>}: {@code type} null when it is to be read from the file's header,
     * {@code format} from {@code --format} or the file's extension.
     */
    record Import(Path file, UploadType type, UploadFormat format) implements CliCommand {
    }

    /** {@code --help}. */
    record Help() implements CliCommand {
    }
}
