package io.beacon.upload.query;

import java.util.List;

/** A slice of uploads and how many matched in all. */
public record UploadPage(List<UploadView> results, long total) {

    public UploadPage {
        results = List.copyOf(results);
    }
}
