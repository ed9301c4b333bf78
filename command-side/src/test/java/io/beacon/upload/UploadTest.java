package io.beacon.upload;

import io.beacon.notification.value.UserId;
import io.beacon.upload.command.BeginUploadProcessing;
import io.beacon.upload.command.CompleteUpload;
import io.beacon.upload.command.FailUpload;
import io.beacon.upload.command.RecordUploadProgress;
import io.beacon.upload.command.StartUpload;
import io.beacon.upload.event.UploadCompleted;
import io.beacon.upload.event.UploadFailed;
import io.beacon.upload.event.UploadProcessingStarted;
import io.beacon.upload.event.UploadProgressed;
import io.beacon.upload.event.UploadRecordsCreated;
import io.beacon.upload.event.UploadStarted;
import io.beacon.upload.value.RowError;
import io.beacon.upload.value.UploadFormat;
import io.beacon.upload.value.UploadId;
import io.beacon.upload.value.UploadType;
import io.beacon.common.BeaconException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UploadTest {

    private static final UploadId ID = UploadId.of("5f1e2d3c-4b5a-4968-8776-655443322110");
    private static final UserId ADMIN = UserId.of("00000000-0000-4000-8000-00000000000a");
    private static final UploadType TYPE = UploadType.COMPANIES;

    private FixtureConfiguration<Upload> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Upload.class);
    }

    @Test
    void startingRecordsTheAcceptedFile() {
        fixture.givenNoPriorActivity()
                .when(new StartUpload(ID, ADMIN, TYPE, UploadFormat.CSV, "firms.csv", 10, 512))
                .expectEvents(started(10));
    }

    @Test
    void beginningAnswersWhereTheUploadStandsAndCountsAttempts() {
        fixture.given(started(10), processing("node-a", 0, 1), progressed(0, 4, 3, List.of(new RowError(2, "bad"))))
                .when(new BeginUploadProcessing(ID, "node-b"))
                .expectResultMessagePayload(4L)
                .expectEvents(processing("node-b", 4, 2));
    }

    @Test
    void progressIsRecordedFromWhereTheUploadStands() {
        List<RowError> errors = List.of(new RowError(5, "name is required"));
        fixture.given(started(10), processing("node-a", 0, 1), progressed(0, 4, 4, List.of()))
                .when(new RecordUploadProgress(ID, 4, 7, 2, errors))
                .expectResultMessagePayload(7L)
                .expectEvents(progressed(4, 7, 2, errors), new UploadRecordsCreated(ID, ADMIN, TYPE, 2));
    }

    @Test
    void rowsThatAllFailCreateNoRecords() {
        List<RowError> errors = List.of(new RowError(1, "a"), new RowError(2, "b"));
        fixture.given(started(10), processing("node-a", 0, 1))
                .when(new RecordUploadProgress(ID, 0, 2, 0, errors))
                .expectEvents(progressed(0, 2, 0, errors));
    }

    @Test
    void aStaleRecordIsRefusedSoNoRowCountsTwice() {
        fixture.given(started(10), processing("node-a", 0, 1), progressed(0, 4, 4, List.of()))
                .when(new RecordUploadProgress(ID, 2, 6, 4, List.of()))
                .expectException(BeaconException.class)
                .expectExceptionMessage("upload " + ID + " stands at row 4, not 2")
                .expectNoEvents();
    }

    @Test
    void progressBeyondTheFileIsRefused() {
        fixture.given(started(10), processing("node-a", 0, 1))
                .when(new RecordUploadProgress(ID, 0, 11, 11, List.of()))
                .expectException(BeaconException.class)
                .expectNoEvents();
    }

    @Test
    void progressBeforeAnyNodeTookItUpIsRefused() {
        fixture.given(started(10))
                .when(new RecordUploadProgress(ID, 0, 1, 1, List.of()))
                .expectException(BeaconException.class)
                .expectNoEvents();
    }

    @Test
    void anEmptyRangeRecordsNothing() {
        fixture.given(started(10), processing("node-a", 0, 1), progressed(0, 4, 4, List.of()))
                .when(new RecordUploadProgress(ID, 4, 4, 0, List.of()))
                .expectResultMessagePayload(4L)
                .expectNoEvents();
    }

    @Test
    void completingCarriesTheTotals() {
        fixture.given(started(5), processing("node-a", 0, 1),
                        progressed(0, 3, 2, List.of(new RowError(1, "bad"))),
                        progressed(3, 5, 1, List.of(new RowError(4, "worse"))))
                .when(new CompleteUpload(ID, 5))
                .expectEvents(new UploadCompleted(ID, ADMIN, TYPE, 5, 5, 3, 2));
    }

    @Test
    void completingBeforeTheLastRowIsRefused() {
        fixture.given(started(5), processing("node-a", 0, 1), progressed(0, 3, 3, List.of()))
                .when(new CompleteUpload(ID, 5))
                .expectException(BeaconException.class)
                .expectNoEvents();
    }

    @Test
    void aFinishedUploadTakesNothingMore() {
        fixture.given(started(1), processing("node-a", 0, 1), progressed(0, 1, 1, List.of()),
                        new UploadCompleted(ID, ADMIN, TYPE, 1, 1, 1, 0))
                .when(new BeginUploadProcessing(ID, "node-b"))
                .expectException(BeaconException.class)
                .expectNoEvents();
        fixture.given(started(3), processing("node-a", 0, 1), new UploadFailed(ID, ADMIN, TYPE, "unreadable", 0, 3))
                .when(new FailUpload(ID, "again"))
                .expectException(BeaconException.class)
                .expectNoEvents();
    }

    @Test
    void failingKeepsWhereItStopped() {
        fixture.given(started(9), processing("node-a", 0, 1), progressed(0, 4, 4, List.of()))
                .when(new FailUpload(ID, "row 5: unterminated quote"))
                .expectEvents(new UploadFailed(ID, ADMIN, TYPE, "row 5: unterminated quote", 4, 9));
    }

    @Test
    void aProgressRecordMustAccountForEveryRowOfItsRange() {
        assertThatThrownBy(() -> new RecordUploadProgress(ID, 0, 3, 1, List.of(new RowError(1, "x"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordUploadProgress(ID, 2, 3, 0, List.of(new RowError(2, "x"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordUploadProgress(ID, 3, 2, 0, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rowIdentitiesAreStablePerUploadAndRow() {
        UploadId other = UploadId.of("5f1e2d3c-4b5a-4968-8776-655443322111");
        assertThat(ID.rowEntityId(7)).isEqualTo(ID.rowEntityId(7));
        assertThat(ID.rowEntityId(7)).isNotEqualTo(ID.rowEntityId(8)).isNotEqualTo(other.rowEntityId(7));
    }

    private static UploadStarted started(long totalRows) {
        return new UploadStarted(ID, ADMIN, TYPE, UploadFormat.CSV, "firms.csv", totalRows, 512);
    }

    private static UploadProcessingStarted processing(String node, long fromRow, int attempt) {
        return new UploadProcessingStarted(ID, ADMIN, TYPE, node, fromRow, 10, attempt);
    }

    /** Progress of the 10-row upload most tests start (the aggregate keeps its own total). */
    private static UploadProgressed progressed(long from, long to, long created, List<RowError> errors) {
        return new UploadProgressed(ID, ADMIN, TYPE, from, to, 10, created, errors);
    }
}
