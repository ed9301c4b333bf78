package io.beacon.projection;

import io.beacon.common.BeaconException;
import io.beacon.projection.command.FinishProjectionReplay;
import io.beacon.projection.command.RecordProjectionReplayProgress;
import io.beacon.projection.command.StartProjectionReplay;
import io.beacon.projection.event.ProjectionReplayCompleted;
import io.beacon.projection.event.ProjectionReplayFailed;
import io.beacon.projection.event.ProjectionReplayProgressed;
import io.beacon.projection.event.ProjectionReplayStarted;
import io.beacon.projection.value.ReplayId;
import io.beacon.projection.value.ReplayPhase;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProjectionReplayTest {

    private static final ReplayId ID = ReplayId.of("0f8c2a51-6a0e-4a43-9d55-7f1c2b3a4d5e");
    private static final ProjectionReplayStarted STARTED =
            new ProjectionReplayStarted(ID, "companies", 2, 1_000, "admin@example.com");

    private AggregateTestFixture<ProjectionReplay> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ProjectionReplay.class);
    }

    @Test
    void startingRecordsWhoReplaysWhatIntoWhichGeneration() {
        fixture.givenNoPriorActivity()
                .when(new StartProjectionReplay(ID, "companies", 2, 1_000, "admin@example.com"))
                .expectEvents(STARTED);
    }

    @Test
    void progressIsRecordedWithTheProjectionAndGeneration() {
        fixture.given(STARTED)
                .when(new RecordProjectionReplayProgress(ID, ReplayPhase.BUILDING, 400, 1_000, 400, 1_000, 250.5, 3L))
                .expectEvents(new ProjectionReplayProgressed(ID, "companies", 2, ReplayPhase.BUILDING, 400, 1_000, 400,
                        1_000, 250.5, 3L));
    }

    @Test
    void finishingWithoutErrorCompletes() {
        fixture.given(STARTED)
                .when(new FinishProjectionReplay(ID, 1_010, 1_010, null))
                .expectEvents(new ProjectionReplayCompleted(ID, "companies", 2, 1_010, 1_010));
    }

    @Test
    void finishingWithAnErrorFails() {
        fixture.given(STARTED)
                .when(new FinishProjectionReplay(ID, 10, 10, "the live processor is held by another node"))
                .expectEvents(new ProjectionReplayFailed(ID, "companies", 2, 10, "the live processor is held by another node"));
    }

    @Test
    void aFinishedReplayTakesNoMoreProgress() {
        fixture.given(STARTED, new ProjectionReplayCompleted(ID, "companies", 2, 1_010, 1_010))
                .when(new RecordProjectionReplayProgress(ID, ReplayPhase.BUILDING, 400, 1_000, 400, 1_000, 1, 1L))
                .expectException(BeaconException.class)
                .expectNoEvents();
    }
}
