package io.beacon.gateway.upload;

import io.beacon.gateway.auth.AuthenticatedUser;
import io.beacon.upload.query.FindUpload;
import io.beacon.upload.query.UploadView;
import io.beacon.upload.value.UploadFormat;
import io.beacon.upload.value.UploadId;
import io.beacon.upload.value.UploadType;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;

/**
 * Uploads started by a caller that is trusted without a write key: the command line ({@code import <file>}),
 * which only someone able to open the data directory can run. The file goes through the same path as
 * {@code POST /api/v1/uploads} (stored, checked and counted, then taken up by the {@link UploadWorker}), with
 * {@code actor} as its owner and as the actor of its events.
 */
@Component
public class TrustedUploads {

    private final Uploads uploads;

    TrustedUploads(Uploads uploads) {
        this.uploads = uploads;
    }

    /** As {@link Uploads#accept}: answers the upload, queued, once the read model shows it. */
    public UploadView start(AuthenticatedUser actor, UploadType type, UploadFormat format, String fileName,
                            InputStream body) throws IOException {
        return uploads.accept(actor, type, format, fileName, body, null);
    }

    /** The upload with its first {@code errorsLimit} row errors, as {@code actor} (its owner) sees it. */
    public UploadView find(AuthenticatedUser actor, UploadId id, int errorsLimit) {
        return uploads.find(actor, new FindUpload(id, 0, errorsLimit));
    }
}
