package io.beacon.notification;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.notification.command.MarkNotificationRead;
import io.beacon.notification.command.PublishNotification;
import io.beacon.notification.event.NotificationPublished;
import io.beacon.notification.event.NotificationRead;
import io.beacon.notification.query.NotificationView;
import io.beacon.notification.value.NotificationId;
import io.beacon.notification.value.NotificationLevel;
import io.beacon.notification.value.UserId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.axonframework.modelling.command.AggregateNotFoundException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationTest {

    private static final NotificationId ID = NotificationId.of("7d0b2a1e-4c3f-4e6a-9b8d-1a2b3c4d5e6f");
    private static final UserId ADMIN = UserId.of("00000000-0000-4000-8000-00000000000a");
    private static final UserId ADA = UserId.of("00000000-0000-4000-8000-0000000000ad");
    private static final UserId BOB = UserId.of("00000000-0000-4000-8000-0000000000b0");

    private FixtureConfiguration<Notification> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Notification.class);
    }

    @Test
    void publishRecordsTheFactsAndThePublisherFromMetadata() {
        fixture.givenNoPriorActivity()
                .when(new PublishNotification(ID, NotificationLevel.WARNING, "Disk almost full", true, ADA),
                        Map.of("actor_uuid", ADMIN.value()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new NotificationPublished(ID, NotificationLevel.WARNING, "Disk almost full", true, ADA, ADMIN));
    }

    @Test
    void publishWithoutAnActorHasNoPublisher() {
        fixture.givenNoPriorActivity()
                .when(new PublishNotification(ID, NotificationLevel.INFO, "Maintenance tonight", false, null))
                .expectEvents(new NotificationPublished(ID, NotificationLevel.INFO, "Maintenance tonight", false, null, null));
    }

    @Test
    void theRecipientMarksItRead() {
        fixture.given(toAda())
                .when(new MarkNotificationRead(ID, ADA))
                .expectEvents(new NotificationRead(ID, ADA))
                .expectResultMessagePayload(NotificationView.READ_VERSION);
    }

    @Test
    void markingTwiceRecordsNothingMoreAndStillSucceeds() {
        fixture.given(toAda(), new NotificationRead(ID, ADA))
                .when(new MarkNotificationRead(ID, ADA))
                .expectNoEvents()
                .expectResultMessagePayload(NotificationView.READ_VERSION);
    }

    @Test
    void markingAnotherUsersNotificationIsNotFound() {
        fixture.given(toAda())
                .when(new MarkNotificationRead(ID, BOB))
                .expectNoEvents()
                .expectException(beaconError(ErrorCode.NOT_FOUND));
    }

    @Test
    void everyUserMarksABroadcastReadForThemselves() {
        fixture.given(broadcast(), new NotificationRead(ID, ADA))
                .when(new MarkNotificationRead(ID, BOB))
                .expectEvents(new NotificationRead(ID, BOB));
    }

    @Test
    void aReaderOfABroadcastMarkingAgainRecordsNothing() {
        fixture.given(broadcast(), new NotificationRead(ID, ADA), new NotificationRead(ID, BOB))
                .when(new MarkNotificationRead(ID, ADA))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void markingAnUnknownNotificationFails() {
        fixture.givenNoPriorActivity()
                .when(new MarkNotificationRead(ID, ADA))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void aMessageIsRequiredNotBlankAndAtMostTwoThousandCharacters() {
        assertThatThrownBy(() -> new PublishNotification(ID, NotificationLevel.INFO, null, false, null))
                .isInstanceOfSatisfying(BeaconException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD));
        assertThatThrownBy(() -> new PublishNotification(ID, NotificationLevel.INFO, "  ", false, null))
                .isInstanceOfSatisfying(BeaconException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR));
        assertThatThrownBy(() -> new PublishNotification(ID, NotificationLevel.INFO, "x".repeat(2_001), false, null))
                .isInstanceOfSatisfying(BeaconException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR));
        // Characters, not UTF-16 units: 2,000 emoji are allowed.
        new PublishNotification(ID, NotificationLevel.INFO, "\uD83D\uDD14".repeat(2_000), false, null);
    }

    @Test
    void aLevelIsOneOfFourWireNames() {
        org.assertj.core.api.Assertions.assertThat(NotificationLevel.of("success")).isEqualTo(NotificationLevel.SUCCESS);
        assertThatThrownBy(() -> NotificationLevel.of("INFO")).isInstanceOf(BeaconException.class);
        assertThatThrownBy(() -> NotificationLevel.of("critical"))
                .hasMessageContaining("info, warning, error, success");
        assertThatThrownBy(() -> new PublishNotification(ID, null, "hi", false, null))
                .isInstanceOfSatisfying(BeaconException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD));
    }

    private static NotificationPublished toAda() {
        return new NotificationPublished(ID, NotificationLevel.INFO, "Your export is ready", false, ADA, ADMIN);
    }

    private static NotificationPublished broadcast() {
        return new NotificationPublished(ID, NotificationLevel.INFO, "Maintenance tonight", false, null, ADMIN);
    }

    private static Matcher<Throwable> beaconError(ErrorCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable item) {
                return item instanceof BeaconException e && e.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a BeaconException with code " + code);
            }
        };
    }
}
