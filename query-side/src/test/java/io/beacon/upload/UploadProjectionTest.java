package io.beacon.upload;

import io.beacon.notification.value.UserId;
import io.beacon.readmodel.InMemoryMongo;
import io.beacon.upload.event.UploadCompleted;
import io.beacon.upload.event.UploadProcessingStarted;
import io.beacon.upload.event.UploadProgressed;
import io.beacon.upload.event.UploadStarted;
import io.beacon.upload.query.FindUpload;
import io.beacon.upload.query.ListUploads;
import io.beacon.upload.query.UploadPage;
import io.beacon.upload.query.UploadView;
import io.beacon.upload.value.RowError;
import io.beacon.upload.value.UploadFormat;
import io.beacon.upload.value.UploadId;
import io.beacon.upload.value.UploadStatus;
import io.beacon.upload.value.UploadType;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class UploadProjectionTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final UserId ADMIN = UserId.of("00000000-0000-4000-8000-00000000000a");
    private static final UserId OTHER = UserId.of("00000000-0000-4000-8000-00000000000b");
    private static final UploadType TYPE = UploadType.COMPANIES;

    private final InMemoryMongo store = new InMemoryMongo(template -> new UploadIndexes(template).afterPropertiesSet());
    private final MongoTemplate template = store.template();
    private final UploadProjection projection = new UploadProjection(template, SimpleQueryUpdateEmitter.builder().build(), () -> { });
    private final UploadQueryHandler queries = new UploadQueryHandler(template);

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void theViewFollowsTheUploadThroughItsLife() {
        UploadId id = UploadId.random();
        projection.on(new UploadStarted(id, ADMIN, TYPE, UploadFormat.CSV, "a.csv", 5, 100), 0, T0);
        assertThat(find(id, 0, 10).status()).isEqualTo(UploadStatus.QUEUED);

        projection.on(new UploadProcessingStarted(id, ADMIN, TYPE, "n1", 0, 5, 1), 1, T0.plusSeconds(1));
        projection.on(progressed(id, 0, 3, 2, List.of(new RowError(2, "name is required"))), 2, T0.plusSeconds(2));
        projection.on(progressed(id, 3, 5, 1, List.of(new RowError(5, "bad email"))), 3, T0.plusSeconds(3));
        projection.on(new UploadCompleted(id, ADMIN, TYPE, 5, 5, 3, 2), 4, T0.plusSeconds(4));

        UploadView view = find(id, 0, 10);
        assertThat(view.status()).isEqualTo(UploadStatus.COMPLETED);
        assertThat(view.rowsProcessed()).isEqualTo(5);
        assertThat(view.rowsCreated()).isEqualTo(3);
        assertThat(view.rowsFailed()).isEqualTo(2);
        assertThat(view.errors()).containsExactly(new RowError(2, "name is required"), new RowError(5, "bad email"));
        assertThat(view.finishedAt()).isEqualTo(T0.plusSeconds(4));
        assertThat(view.version()).isEqualTo(5);
        assertThat(view.progress()).isEqualTo(100);
    }

    @Test
    void aRedeliveredProgressCountsNothingTwice() {
        UploadId id = UploadId.random();
        projection.on(new UploadStarted(id, ADMIN, TYPE, UploadFormat.NDJSON, null, 4, 10), 0, T0);
        projection.on(new UploadProcessingStarted(id, ADMIN, TYPE, "n1", 0, 4, 1), 1, T0);
        UploadProgressed progress = progressed(id, 0, 4, 3, List.of(new RowError(1, "x")));
        projection.on(progress, 2, T0);
        projection.on(progress, 2, T0);
        projection.on(new UploadStarted(id, ADMIN, TYPE, UploadFormat.NDJSON, null, 4, 10), 0, T0);

        UploadView view = find(id, 0, 10);
        assertThat(view.rowsCreated()).isEqualTo(3);
        assertThat(view.rowsFailed()).isEqualTo(1);
        assertThat(view.errors()).hasSize(1);
        assertThat(view.status()).isEqualTo(UploadStatus.PROCESSING);
    }

    @Test
    void errorsArePagedInRowOrderAcrossProgressRecords() {
        UploadId id = UploadId.random();
        projection.on(new UploadStarted(id, ADMIN, TYPE, UploadFormat.CSV, null, 300, 10), 0, T0);
        projection.on(new UploadProcessingStarted(id, ADMIN, TYPE, "n1", 0, 300, 1), 1, T0);
        long sequence = 2;
        for (long from = 0; from < 300; from += 100) {
            List<RowError> errors = LongStream.rangeClosed(from + 1, from + 100).filter(row -> row % 2 == 0)
                    .mapToObj(row -> new RowError(row, "row " + row)).toList();
            projection.on(progressed(id, from, from + 100, 50, errors), sequence++, T0);
        }
        assertThat(find(id, 0, 3).errors()).extracting(RowError::row).containsExactly(2L, 4L, 6L);
        assertThat(find(id, 48, 4).errors()).extracting(RowError::row).containsExactly(98L, 100L, 102L, 104L);
        assertThat(find(id, 148, 10).errors()).extracting(RowError::row).containsExactly(298L, 300L);
        assertThat(find(id, 150, 10).errors()).isEmpty();
        assertThat(find(id, 0, 0).errors()).isEmpty();
        assertThat(find(id, 0, 10).rowsFailed()).isEqualTo(150);
    }

    @Test
    void listsAreNewestFirstByOwnerAndStatus() {
        UploadId first = UploadId.random();
        UploadId second = UploadId.random();
        UploadId others = UploadId.random();
        projection.on(new UploadStarted(first, ADMIN, TYPE, UploadFormat.CSV, null, 1, 1), 0, T0);
        projection.on(new UploadStarted(second, ADMIN, TYPE, UploadFormat.CSV, null, 1, 1), 0, T0.plusSeconds(1));
        projection.on(new UploadStarted(others, OTHER, TYPE, UploadFormat.CSV, null, 1, 1), 0, T0.plusSeconds(2));
        projection.on(new UploadProcessingStarted(first, ADMIN, TYPE, "n1", 0, 1, 1), 1, T0);

        UploadPage mine = queries.handle(new ListUploads(ADMIN, null, 0, 10));
        assertThat(mine.results()).extracting(UploadView::uploadId).containsExactly(second, first);
        assertThat(mine.total()).isEqualTo(2);
        assertThat(queries.handle(new ListUploads(null, null, 0, 10)).results()).extracting(UploadView::uploadId)
                .containsExactly(others, second, first);
        assertThat(queries.handle(new ListUploads(null, UploadStatus.PROCESSING, 0, 10)).results())
                .extracting(UploadView::uploadId).containsExactly(first);
        assertThat(queries.handle(new ListUploads(null, null, 1, 1)).results()).extracting(UploadView::uploadId)
                .containsExactly(second);
    }

    private UploadView find(UploadId id, int offset, int limit) {
        return queries.handle(new FindUpload(id, offset, limit));
    }

    private static UploadProgressed progressed(UploadId id, long from, long to, long created, List<RowError> errors) {
        return new UploadProgressed(id, ADMIN, TYPE, from, to, 0, created, errors);
    }
}
