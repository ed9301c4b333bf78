package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.beacon.gateway.it.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bulk uploads end to end (PRODUCT.md §6): files posted over real HTTP to {@code /api/v1/uploads}, processed
 * by the running application, reported by {@code GET /api/v1/uploads/{id}}, {@code get_upload} and
 * {@code list_uploads}, and pushed on the channel endpoint's {@code uploads} channel.
 */
abstract class UploadScenarios extends BeaconScenarioSupport {

    private static final Duration FINISH = Duration.ofMinutes(3);
    private static final Duration SETTLE = Duration.ofMillis(700);

    private UploadHttp http() {
        return new UploadHttp(port);
    }

    private String adminToken() {
        return adminLogin().path("access_token").asText();
    }

    // ---------------------------------------------------------------- companies, CSV

    @Test
    void aTenThousandRowUploadCreatesEveryGoodRowOnceAndRecordsEveryBadOne() {
        String prefix = unique("Upload Firm ");
        String explicitUuid = UUID.randomUUID().toString();
        ChannelClient adminFeed = channel(adminToken());
        adminFeed.connected();
        assertThat(adminFeed.subscribe("uploads").path("type").asText()).isEqualTo("subscribed");
        ChannelClient userFeed = channel(registerUser().path("access_token").asText());
        userFeed.connected();
        assertThat(userFeed.subscribe("uploads").path("type").asText()).isEqualTo("subscribed");

        StringBuilder csv = new StringBuilder("uuid,name,employees_count,industries,keywords,metadata.city\n");
        Map<Long, String> bad = new LinkedHashMap<>();
        int rows = 10_000;
        for (long row = 1; row <= rows; row++) {
            if (row % 101 == 0) {
                csv.append(",").append(prefix).append(row).append(",lots,Software,,Lyon\n");
                bad.put(row, "employees_count must be an integer");
            } else if (row % 307 == 0) {
                csv.append(",").append(prefix).append(row).append(",5,Software,,Lyon,surplus\n");
                bad.put(row, "the row has 7 cells, the header 6");
            } else if (row == 5_000 || row == 5_001) {
                // The same explicit uuid twice: the first row creates it, the second is told it exists.
                csv.append(explicitUuid).append(",").append(prefix).append(row).append(",3,,,\n");
                if (row == 5_001) {
                    bad.put(row, "company " + explicitUuid + " already exists");
                }
            } else {
                csv.append(",\"").append(prefix).append(row).append("\",").append(row)
                        .append(",\"Software;Retail\",\"b2b; saas\",\"Paris\"\n");
            }
        }

        UploadHttp.Answer accepted = http().upload(adminToken(), "companies", "text/csv", csv.toString(), WRITE_KEY);

        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
        String id = accepted.body().path("upload_id").asText();
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(accepted.body().path("status").asText()).isEqualTo("queued");
        assertThat(accepted.body().path("total_rows").asLong()).isEqualTo(rows);
        // Read-your-writes: the upload is shown as soon as it is accepted.
        assertThat(http().get(adminToken(), id, null).status()).isEqualTo(200);

        JsonNode done = http().await(adminToken(), id, UploadHttp::finished, FINISH);

        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("rows_processed").asLong()).isEqualTo(rows);
        assertThat(done.path("total_rows").asLong()).isEqualTo(rows);
        assertThat(done.path("progress").asInt()).isEqualTo(100);
        assertThat(done.path("rows_created").asLong()).isEqualTo(rows - bad.size());
        assertThat(done.path("rows_failed").asLong()).isEqualTo(bad.size());
        Map<Long, String> reported = new LinkedHashMap<>();
        for (JsonNode error : done.path("errors")) {
            assertThat(reported.put(error.path("row").asLong(), error.path("message").asText()))
                    .as("row %s reported once", error.path("row")).isNull();
        }
        assertThat(reported).containsExactlyEntriesOf(bad);
        assertThat(done.path("finished_at").asText()).endsWith("Z");

        // Every good row created exactly one company, under the row's own uuid, with the row's values.
        WsClient admin = admin();
        assertThat(success(admin.call("count_companies", obj("name", prefix))).path("count").asLong())
                .isEqualTo(rows - bad.size());
        JsonNode row7 = success(admin.call("get_company", obj("company_uuid", UploadHttp.rowEntityId(id, 7))));
        assertThat(row7.path("name").asText()).isEqualTo(prefix + 7);
        assertThat(row7.path("employees_count").asLong()).isEqualTo(7);
        assertThat(texts(row7.path("industries"))).containsExactly("Software", "Retail");
        assertThat(texts(row7.path("keywords"))).containsExactly("b2b", "saas");
        assertThat(row7.path("metadata").path("city").asText()).isEqualTo("Paris");
        assertThat(success(admin.call("get_company", obj("company_uuid", explicitUuid))).path("name").asText())
                .isEqualTo(prefix + 5_000);
        assertError(admin.call("get_company", obj("company_uuid", UploadHttp.rowEntityId(id, 101))), "not_found");

        // Pushed on uploads: queued, processing, progress only forward to the last row, the records created, completed.
        JsonNode completed = adminFeed.nextEvent("uploads", m -> m.path("type").asText().equals("status_update")
                && m.path("data").path("entity_id").asText().equals(id)
                && m.path("data").path("status").asText().equals("completed"), "completed");
        assertThat(completed.path("data").path("entity_type").asText()).isEqualTo("upload");
        assertThat(completed.path("data").path("rows_created").asLong()).isEqualTo(rows - bad.size());
        List<JsonNode> ours = adminFeed.events().stream()
                .filter(m -> id.equals(m.path("data").path("upload_id").asText())).toList();
        List<String> statuses = ours.stream().filter(m -> m.path("type").asText().equals("status_update"))
                .map(m -> m.path("data").path("status").asText()).toList();
        assertThat(statuses).containsExactly("queued", "processing", "completed");
        List<JsonNode> progress = ours.stream().filter(m -> m.path("type").asText().equals("upload_progress")).toList();
        assertThat(progress).isNotEmpty();
        long previous = 0;
        int previousPercent = 0;
        for (JsonNode push : progress) {
            long processed = push.path("data").path("rows_processed").asLong();
            assertThat(processed).as("rows_processed only moves forward").isGreaterThan(previous);
            assertThat(push.path("data").path("progress").asInt()).isGreaterThanOrEqualTo(previousPercent);
            assertThat(push.path("data").path("total_rows").asLong()).isEqualTo(rows);
            assertThat(push.path("data").path("current_operation").asText()).isEqualTo("creating_companies");
            previous = processed;
            previousPercent = push.path("data").path("progress").asInt();
        }
        assertThat(previous).isEqualTo(rows);
        long newRecords = ours.stream().filter(m -> m.path("type").asText().equals("new_records"))
                .mapToLong(m -> m.path("data").path("count").asLong()).sum();
        assertThat(newRecords).isEqualTo(rows - bad.size());
        List<Long> offsets = ours.stream().map(m -> Long.parseLong(m.path("offset").asText())).toList();
        assertThat(offsets).isSorted().doesNotHaveDuplicates();

        // Another user is told nothing of the admin's upload.
        sleep(SETTLE);
        assertThat(userFeed.events()).noneMatch(m -> id.equals(m.path("data").path("upload_id").asText()));
        // The file is gone from the store once the upload finished.
        assertThat(storedFiles(id)).isZero();
    }

    @Test
    void anEmptyCsvWithItsHeaderCompletesWithNothingToDo() {
        UploadHttp.Answer accepted = http().upload(adminToken(), "companies", "text/csv; charset=utf-8",
                "name,employees_count\n", WRITE_KEY);
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
        assertThat(accepted.body().path("total_rows").asLong()).isZero();
        JsonNode done = http().await(adminToken(), accepted.body().path("upload_id").asText(), UploadHttp::finished, FINISH);
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("progress").asInt()).isEqualTo(100);
        assertThat(done.path("rows_created").asLong()).isZero();
    }

    // ---------------------------------------------------------------- contacts, NDJSON

    @Test
    void contactsComeFromNdjsonAndEveryBadLineIsRecordedWithoutStoppingTheRest() {
        WsClient admin = admin();
        String company = create(admin, "name", unique("Contact Home ")).path("uuid").asText();
        String missing = UUID.randomUUID().toString();
        String surname = unique("Upload");
        String ndjson = String.join("\n",
                "{\"company_uuid\":\"" + company + "\",\"first_name\":\"Ada\",\"last_name\":\"" + surname + "\","
                        + "\"email\":\"ada@example.com\",\"departments\":[\"engineering\"],\"metadata\":{\"city\":\"Paris\"}}",
                "this is not json",
                "",
                "{\"company_uuid\":\"" + company + "\",\"first_name\":\"Bob\",\"last_name\":\"" + surname + "\","
                        + "\"favourite_colour\":\"blue\"}",
                "{\"company_uuid\":\"" + missing + "\",\"first_name\":\"Cy\",\"last_name\":\"" + surname + "\"}",
                "{\"company_uuid\":\"" + company + "\",\"first_name\":\"Di\",\"last_name\":\"" + surname + "\","
                        + "\"email\":\"not-an-address\"}",
                "[1,2,3]",
                "{\"company_uuid\":\"" + company + "\",\"first_name\":\"Eve\",\"last_name\":\"" + surname + "\"}",
                "");

        UploadHttp.Answer accepted = http().upload(adminToken(), "contacts", "application/x-ndjson", ndjson, WRITE_KEY);

        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
        assertThat(accepted.body().path("total_rows").asLong()).as("blank lines are not rows").isEqualTo(7);
        String id = accepted.body().path("upload_id").asText();
        JsonNode done = http().await(adminToken(), id, UploadHttp::finished, FINISH);
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("rows_created").asLong()).isEqualTo(2);
        assertThat(done.path("rows_failed").asLong()).isEqualTo(5);
        List<Long> errorRows = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        done.path("errors").forEach(error -> {
            errorRows.add(error.path("row").asLong());
            messages.add(error.path("message").asText());
        });
        assertThat(errorRows).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(messages.get(0)).startsWith("the line is not valid JSON");
        assertThat(messages.get(1)).isEqualTo("unknown field(s): favourite_colour");
        assertThat(messages.get(2)).isEqualTo("company " + missing + " not found");
        assertThat(messages.get(3)).contains("email");
        assertThat(messages.get(4)).isEqualTo("the line must be a JSON object");

        JsonNode contacts = success(admin.call("list_company_contacts", obj("company_uuid", company)));
        List<String> firstNames = StreamSupport.stream(contacts.path("results").spliterator(), false)
                .map(c -> c.path("first_name").asText()).sorted().toList();
        assertThat(firstNames).containsExactly("Ada", "Eve");
        JsonNode ada = StreamSupport.stream(contacts.path("results").spliterator(), false)
                .filter(c -> c.path("first_name").asText().equals("Ada")).findFirst().orElseThrow();
        assertThat(ada.path("uuid").asText()).isEqualTo(UploadHttp.rowEntityId(id, 1));
        assertThat(ada.path("email").asText()).isEqualTo("ada@example.com");
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void uploadsAreRefusedWithClearErrorsAndLeaveNothingBehind() {
        String admin = adminToken();
        String user = registerUser().path("access_token").asText();
        String csv = "name\nAcme\n";
        long filesBefore = collection("upload_files.files").countDocuments();
        long chunksBefore = collection("upload_files.chunks").countDocuments();
        long uploadsBefore = http().list(admin, "limit=1").body().path("total").asLong();

        refused(http().upload(null, "companies", "text/csv", csv, WRITE_KEY), 401, "unauthorized", null);
        refused(http().upload(user, "companies", "text/csv", csv, WRITE_KEY), 403, "forbidden", "admins");
        refused(http().upload(admin, "companies", "text/csv", csv, null), 403, "forbidden", "write key");
        refused(http().upload(admin, "companies", "text/csv", csv, "not-the-key"), 403, "forbidden", "write key");
        refused(http().upload(admin, null, "text/csv", csv, WRITE_KEY), 400, "missing_field", "type");
        refused(http().upload(admin, "firms", "text/csv", csv, WRITE_KEY), 400, "validation_error", "companies or contacts");
        refused(http().upload(admin, "companies", "application/pdf", csv, WRITE_KEY), 415, "unsupported_media_type",
                "text/csv");
        refused(http().upload(admin, "companies", "text/csv", "name,colour\nAcme,red\n", WRITE_KEY), 400,
                "validation_error", "unknown column(s) in the header row: colour");
        refused(http().upload(admin, "companies", "text/csv", "name,name\nAcme,Acme\n", WRITE_KEY), 400,
                "validation_error", "column name appears twice");
        refused(http().upload(admin, "companies", "text/csv", "", WRITE_KEY), 400, "validation_error", "empty");
        refused(http().upload(admin, "companies", "text/csv", "name,address\nAcme,\"unterminated\nBeta,x\n", WRITE_KEY),
                400, "validation_error", "row");
        refused(http().upload(admin, "companies", "text/csv", new byte[]{'n', 'a', 'm', 'e', '\n', (byte) 0xC3, (byte) 0x28, '\n'},
                WRITE_KEY), 400, "validation_error", null);
        StringBuilder many = new StringBuilder("name\n");
        for (int row = 0; row <= UPLOAD_MAX_ROWS; row++) {
            many.append("F").append(row).append('\n');
        }
        refused(http().upload(admin, "companies", "text/csv", many.toString(), WRITE_KEY), 413, "payload_too_large",
                UPLOAD_MAX_ROWS + " rows");
        byte[] large = new byte[UPLOAD_MAX_BYTES + 1];
        java.util.Arrays.fill(large, (byte) 'x');
        System.arraycopy("name\n".getBytes(), 0, large, 0, 5);
        refused(http().upload(admin, "companies", "text/csv", large, WRITE_KEY), 413, "payload_too_large",
                UPLOAD_MAX_BYTES + " bytes");
        // Without a Content-Length the size is only known while the file is stored: refused then, the chunks removed.
        refused(http().uploadChunked(admin, "companies", "text/csv", large, WRITE_KEY), 413, "payload_too_large",
                UPLOAD_MAX_BYTES + " bytes");
        assertThat(collection("upload_work").countDocuments(new Document("state", "receiving"))).as("receipts left").isZero();

        assertThat(collection("upload_files.files").countDocuments()).as("stored files").isEqualTo(filesBefore);
        assertThat(collection("upload_files.chunks").countDocuments()).as("stored chunks").isEqualTo(chunksBefore);
        assertThat(http().list(admin, "limit=1").body().path("total").asLong()).as("uploads").isEqualTo(uploadsBefore);
    }

    // ---------------------------------------------------------------- reading uploads

    @Test
    void anUploadIsShownToItsOwnerAndToAdminsButToNoOtherUser() {
        String admin = adminToken();
        StringBuilder csv = new StringBuilder("name,employees_count\n");
        for (int row = 1; row <= 30; row++) {
            csv.append(unique("Shown ")).append(',').append(row % 3 == 0 ? "x" : String.valueOf(row)).append('\n');
        }
        String id = http().upload(admin, "companies", "text/csv", csv.toString(), WRITE_KEY).body().path("upload_id").asText();
        http().await(admin, id, UploadHttp::finished, FINISH);

        JsonNode viaAction = success(admin().call("get_upload", obj("upload_id", id, "errors_offset", 2, "errors_limit", 3)));
        assertThat(viaAction.path("status").asText()).isEqualTo("completed");
        assertThat(viaAction.path("rows_failed").asLong()).isEqualTo(10);
        assertThat(StreamSupport.stream(viaAction.path("errors").spliterator(), false).map(e -> e.path("row").asLong()))
                .containsExactly(9L, 12L, 15L);
        assertThat(fieldNames(viaAction)).contains("upload_id", "status", "progress", "rows_processed", "total_rows",
                "rows_created", "rows_failed", "errors", "created_at", "finished_at");
        JsonNode listed = success(admin().call("list_uploads", obj("status", "completed", "limit", 1000)));
        assertThat(StreamSupport.stream(listed.path("results").spliterator(), false).map(u -> u.path("upload_id").asText()))
                .contains(id);
        assertThat(listed.path("results").get(0).has("errors")).as("lists carry no errors").isFalse();

        JsonNode other = registerUser();
        String otherToken = other.path("access_token").asText();
        WsClient otherWs = connect(otherToken);
        assertError(otherWs.call("get_upload", obj("upload_id", id)), "not_found");
        assertThat(success(otherWs.call("list_uploads", obj())).path("total").asLong()).isZero();
        assertThat(http().get(otherToken, id, null).status()).isEqualTo(404);
        assertThat(http().get(admin, UUID.randomUUID().toString(), null).status()).isEqualTo(404);
        assertError(admin().call("get_upload", obj("upload_id", id, "colour", "red")), "validation_error");
        assertError(admin().call("get_upload", obj("upload_id", "nope")), "validation_error");
        assertError(admin().call("get_upload", obj()), "missing_field");
        assertError(admin().call("list_uploads", obj("status", "sleeping")), "validation_error");
        assertThat(http().get(admin, id, "errors_limit=99999").status()).isEqualTo(400);
    }

    @Test
    void aLiveGetUploadFollowsTheUploadToItsEnd() {
        StringBuilder csv = new StringBuilder("name\n");
        for (int row = 1; row <= 600; row++) {
            csv.append(unique("Live ")).append('\n');
        }
        WsClient watcher = admin();
        String id = http().upload(adminToken(), "companies", "text/csv", csv.toString(), WRITE_KEY).body()
                .path("upload_id").asText();

        JsonNode subscribed = success(watcher.call("subscribe", obj("query", "get_upload", "data", obj("upload_id", id))));
        String subscription = subscribed.path("subscription_id").asText();
        JsonNode last = subscribed.path("initial");
        List<Long> seen = new ArrayList<>(List.of(last.path("rows_processed").asLong()));
        while (!last.path("status").asText().equals("completed")) {
            JsonNode update = watcher.awaitNext(m -> "subscription_update".equals(m.path("action").asText())
                    && subscription.equals(m.path("subscription_id").asText()), "an update of upload " + id);
            last = update.path("data");
            seen.add(last.path("rows_processed").asLong());
        }
        assertThat(seen).as("rows_processed as the live query saw it").isSorted();
        assertThat(last.path("rows_processed").asLong()).isEqualTo(600);
        assertThat(last.path("rows_created").asLong()).isEqualTo(600);
    }

    private void refused(UploadHttp.Answer answer, int status, String code, String messagePart) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.body().path("error").path("code").asText()).as(answer.body().toString()).isEqualTo(code);
        String message = answer.body().path("error").path("message").asText();
        assertThat(message).isNotBlank();
        if (messagePart != null) {
            assertThat(message).contains(messagePart);
        }
    }

    private MongoDatabase database() {
        return storeClient.getDatabase("beacon");
    }

    private com.mongodb.client.MongoCollection<Document> collection(String name) {
        return database().getCollection(name);
    }

    private long storedFiles(String uploadId) {
        return collection("upload_files.files").countDocuments(new Document("_id", uploadId))
                + collection("upload_files.chunks").countDocuments(new Document("files_id", uploadId));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
