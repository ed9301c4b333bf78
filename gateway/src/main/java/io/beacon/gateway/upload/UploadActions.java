package io.beacon.gateway.upload;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beacon.common.ErrorCode;
import io.beacon.gateway.ws.ActionContext;
import io.beacon.gateway.ws.ActionDefinition;
import io.beacon.gateway.ws.ActionFamily;
import io.beacon.gateway.ws.Endpoint;
import io.beacon.upload.query.FindUpload;
import io.beacon.upload.query.ListUploads;
import io.beacon.upload.query.UploadPage;
import io.beacon.upload.value.UploadId;
import io.beacon.upload.value.UploadStatus;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import static io.beacon.gateway.write.WriteRequests.integer;
import static io.beacon.gateway.write.WriteRequests.required;
import static io.beacon.gateway.write.WriteRequests.text;

/**
 * {@code get_upload} {@code {upload_id, errors_offset?, errors_limit?}} and {@code list_uploads}
 * {@code {status?, offset?, limit?}} on the companies endpoint: an upload is shown to its owner and to
 * admins; a list is the caller's uploads, everyone's for an admin.
 */
@Component
class UploadActions implements ActionFamily {

    private final Uploads uploads;

    UploadActions(Uploads uploads) {
        this.uploads = uploads;
    }

    @Override
    public Endpoint endpoint() {
        return Endpoint.COMPANIES;
    }

    /** Both only read: a client may {@code subscribe} to them (woken by the events of every upload). */
    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public List<ActionDefinition<?>> actions() {
        return List.of(
                ActionDefinition.of("get_upload", ObjectNode.class, ErrorCode.GET_ERROR, this::get)
                        .accepting(Set.of("upload_id", "errors_offset", "errors_limit")),
                ActionDefinition.of("list_uploads", ObjectNode.class, ErrorCode.LIST_ERROR, this::list)
                        .accepting(Set.of("status", "offset", "limit")));
    }

    private CompletionStage<Map<String, Object>> get(ActionContext context, ObjectNode data) {
        FindUpload query = new FindUpload(UploadId.of(required(data, "upload_id")),
                integer(data, "errors_offset", 0), integer(data, "errors_limit", FindUpload.DEFAULT_ERRORS_LIMIT));
        return uploads.findAsync(context.user(), query).thenApply(view -> UploadWire.of(view, true));
    }

    private CompletionStage<Map<String, Object>> list(ActionContext context, ObjectNode data) {
        UploadStatus status = data.hasNonNull("status") ? UploadStatus.of(text(data, "status")) : null;
        ListUploads query = new ListUploads(null, status, integer(data, "offset", 0),
                integer(data, "limit", ListUploads.DEFAULT_LIMIT));
        return uploads.listAsync(context.user(), query).thenApply(UploadActions::page);
    }

    /** {@code {total, results: [upload without errors]}}. */
    static Map<String, Object> page(UploadPage page) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", page.total());
        answer.put("results", page.results().stream().map(view -> UploadWire.of(view, false)).toList());
        return answer;
    }
}
