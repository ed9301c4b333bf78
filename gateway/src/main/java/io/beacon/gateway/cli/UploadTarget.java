package io.beacon.gateway.cli;

import io.beacon.upload.query.UploadView;
import io.beacon.upload.value.UploadFormat;
import io.beacon.upload.value.UploadId;
import io.beacon.upload.value.UploadType;

import java.io.IOException;
import java.io.InputStream;

/** Where {@code import} puts a file: the upload machinery, as the command line's actor (faked in tests). */
interface UploadTarget {

    /** Stores, checks and counts the file and starts its upload; answers it queued. */
    UploadView start(UploadType type, UploadFormat format, String fileName, InputStream body) throws IOException;

    /** The upload with its first {@code errorsLimit} row errors. */
    UploadView find(UploadId id, int errorsLimit);
}
