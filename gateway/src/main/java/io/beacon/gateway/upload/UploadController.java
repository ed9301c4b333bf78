package io.beacon.gateway.upload;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.gateway.auth.AuthenticatedUser;
import io.beacon.upload.query.FindUpload;
import io.beacon.upload.query.ListUploads;
import io.beacon.upload.query.UploadPage;
import io.beacon.upload.query.UploadView;
import io.beacon.upload.value.UploadFormat;
import io.beacon.upload.value.UploadId;
import io.beacon.upload.value.UploadStatus;
import io.beacon.upload.value.UploadType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /api/v1/uploads?type=companies|contacts} (admin and {@code X-Companies-Write-Key}): the body
 * is the file, CSV ({@code text/csv}) or NDJSON ({@code application/x-ndjson}), or says so with
 * {@code format=csv|ndjson}; {@code file_name} names it. Answers {@code 202 {upload_id, status, total_rows}}
 * once the file is stored and counted. {@code GET /api/v1/uploads/{id}} (its owner or an admin;
 * {@code errors_offset}, {@code errors_limit} page the row errors) and {@code GET /api/v1/uploads}
 * ({@code status}, {@code offset}, {@code limit}). Errors are rendered by {@link UploadErrorHandler}.
 */
@RestController
@RequestMapping("/api/v1/uploads")
class UploadController {

    private final Uploads uploads;

    UploadController(Uploads uploads) {
        this.uploads = uploads;
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> upload(@AuthenticationPrincipal AuthenticatedUser user,
                                               @RequestParam(value = "type", required = false) String type,
                                               @RequestParam(value = "format", required = false) String format,
                                               @RequestParam(value = "file_name", required = false) String fileName,
                                               @RequestHeader(value = "X-Companies-Write-Key", required = false) String writeKey,
                                               @RequestHeader(value = "X-Request-Id", required = false) String requestId,
                                               HttpServletRequest request) throws IOException {
        requireUser(user);
        uploads.requireWriter(user, writeKey);
        if (type == null || type.isBlank()) {
            throw BeaconException.missing("type");
        }
        UploadType uploadType = UploadType.of(type);
        UploadFormat uploadFormat = format(format, request.getContentType());
        if (fileName != null && fileName.length() > 255) {
            throw BeaconException.validation("file_name must be at most 255 characters");
        }
        long declared = request.getContentLengthLong();
        if (declared > uploads.maxBytes()) {
            throw new BeaconException(ErrorCode.PAYLOAD_TOO_LARGE, "the file is larger than the limit of "
                    + uploads.maxBytes() + " bytes");
        }
        UploadView view = uploads.accept(user, uploadType, uploadFormat, fileName, request.getInputStream(),
                requestId == null || requestId.length() > 200 ? null : requestId);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("upload_id", view.uploadId().value());
        answer.put("status", view.status().wire());
        answer.put("total_rows", view.totalRows());
        answer.put("type", view.type().wire());
        answer.put("format", view.format().wire());
        answer.put("size_bytes", view.sizeBytes());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable("id") String id,
                            @RequestParam(value = "errors_offset", required = false) String errorsOffset,
                            @RequestParam(value = "errors_limit", required = false) String errorsLimit) {
        requireUser(user);
        FindUpload query = new FindUpload(UploadId.of(id), integer("errors_offset", errorsOffset, 0),
                integer("errors_limit", errorsLimit, FindUpload.DEFAULT_ERRORS_LIMIT));
        return UploadWire.of(uploads.find(user, query), true);
    }

    @GetMapping
    Map<String, Object> list(@AuthenticationPrincipal AuthenticatedUser user,
                             @RequestParam(value = "status", required = false) String status,
                             @RequestParam(value = "offset", required = false) String offset,
                             @RequestParam(value = "limit", required = false) String limit) {
        requireUser(user);
        UploadPage page = uploads.list(user, new ListUploads(null, status == null ? null : UploadStatus.of(status),
                integer("offset", offset, 0), integer("limit", limit, ListUploads.DEFAULT_LIMIT)));
        return UploadActions.page(page);
    }

    /** The format named, else the one the content type says; {@code unsupported_media_type} otherwise. */
    static UploadFormat format(String format, String contentType) {
        if (format != null) {
            return UploadFormat.of(format.toLowerCase(Locale.ROOT));
        }
        if (contentType != null) {
            MediaType type;
            try {
                type = MediaType.parseMediaType(contentType);
            } catch (RuntimeException e) {
                type = null;
            }
            if (type != null) {
                String subtype = type.getSubtype().toLowerCase(Locale.ROOT);
                if (subtype.equals("csv")) {
                    return UploadFormat.CSV;
                }
                if (subtype.equals("x-ndjson") || subtype.equals("ndjson") || subtype.equals("jsonl")
                        || subtype.equals("x-jsonlines")) {
                    return UploadFormat.NDJSON;
                }
            }
        }
        throw new BeaconException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the file as text/csv or application/x-ndjson,"
                + " or name its format with format=csv|ndjson");
    }

    private static int integer(String name, String value, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw BeaconException.validation(name + " must be an integer");
        }
    }

    private static void requireUser(AuthenticatedUser user) {
        if (user == null) {
            throw new BeaconException(ErrorCode.UNAUTHORIZED, "authentication required");
        }
    }
}
