package io.beacon.gateway.upload;

/** An uploaded file that cannot be read past some point (malformed CSV, for one): refused as a whole. */
class UploadFileException extends RuntimeException {

    UploadFileException(String message, Throwable cause) {
        super(message, cause);
    }

    UploadFileException(String message) {
        super(message);
    }
}
