package io.beacon.notification;

import io.beacon.notification.event.NotificationPublished;
import io.beacon.notification.event.NotificationRead;
import io.beacon.notification.query.FindNotification;
import io.beacon.notification.query.ListNotifications;
import io.beacon.notification.query.NotificationPage;
import io.beacon.notification.query.NotificationView;
import io.beacon.notification.value.NotificationId;
import io.beacon.notification.value.NotificationLevel;
import io.beacon.notification.value.UserId;
import io.beacon.readmodel.InMemoryMongo;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryUpdateMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationProjectionTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00.123456Z");
    private static final UserId ADMIN = UserId.of("00000000-0000-4000-8000-00000000000a");
    private static final UserId ADA = UserId.of("00000000-0000-4000-8000-0000000000ad");
    private static final UserId BOB = UserId.of("00000000-0000-4000-8000-0000000000b0");

    private final InMemoryMongo store = new InMemoryMongo(template -> new NotificationIndexes(template).ensure());
    private final MongoTemplate template = store.template();
    private final SimpleQueryUpdateEmitter emitter = SimpleQueryUpdateEmitter.builder().build();
    private final NotificationProjection projection = new NotificationProjection(template, emitter);
    private final NotificationQueryHandler queries = new NotificationQueryHandler(template);

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void aUserSeesTheirOwnAndBroadcastsNewestFirstButNotOthers() {
        NotificationId toAda = publish(ADA, "for Ada", 0);
        NotificationId toBob = publish(BOB, "for Bob", 1);
        NotificationId everyone = publish(null, "for everyone", 2);

        NotificationPage ada = list(ADA, false);
        assertThat(ada.results()).extracting(NotificationView::uuid).containsExactly(everyone, toAda);
        assertThat(ada.results()).extracting(NotificationView::broadcast).containsExactly(true, false);
        assertThat(ada.total()).isEqualTo(2);
        assertThat(ada.unread()).isEqualTo(2);
        assertThat(list(BOB, false).results()).extracting(NotificationView::uuid).containsExactly(everyone, toBob);
    }

    @Test
    void theViewCarriesThePublishedFacts() {
        NotificationId id = NotificationId.random();
        projection.on(new NotificationPublished(id, NotificationLevel.WARNING, "Disk almost full", true, ADA, ADMIN), T0);

        NotificationView view = queries.handle(new FindNotification(id, ADA));
        assertThat(view).isEqualTo(new NotificationView(id, NotificationLevel.WARNING, "Disk almost full", true, false,
                Instant.parse("2026-01-05T10:00:00.123Z"), false));
        assertThat(view.version()).isEqualTo(NotificationView.UNREAD_VERSION);
        assertThat(queries.handle(new FindNotification(id, BOB))).as("not addressed to Bob").isNull();
    }

    @Test
    void aBroadcastReadByOneUserStaysUnreadForOthers() {
        NotificationId everyone = publish(null, "maintenance", 0);

        projection.on(new NotificationRead(everyone, ADA));

        assertThat(queries.handle(new FindNotification(everyone, ADA)).read()).isTrue();
        assertThat(queries.handle(new FindNotification(everyone, BOB)).read()).isFalse();
        assertThat(list(ADA, false).unread()).isZero();
        assertThat(list(BOB, false).unread()).isEqualTo(1);
    }

    @Test
    void unreadOnlyLeavesOutReadOnesAndPagesSlice() {
        NotificationId first = publish(ADA, "one", 0);
        NotificationId second = publish(null, "two", 1);
        NotificationId third = publish(ADA, "three", 2);
        projection.on(new NotificationRead(second, ADA));

        NotificationPage unread = list(ADA, true);
        assertThat(unread.results()).extracting(NotificationView::uuid).containsExactly(third, first);
        assertThat(unread.total()).isEqualTo(2);
        NotificationPage page = queries.handle(new ListNotifications(ADA, false, 1, 1));
        assertThat(page.results()).extracting(NotificationView::uuid).containsExactly(second);
        assertThat(page.results().get(0).read()).isTrue();
        assertThat(page.total()).isEqualTo(3);
        assertThat(queries.handle(new ListNotifications(ADA, false, 5, 10)).results()).isEmpty();
    }

    @Test
    void redeliveredEventsChangeNothing() {
        NotificationId id = NotificationId.random();
        NotificationPublished published = new NotificationPublished(id, NotificationLevel.INFO, "hello", false, ADA, ADMIN);
        projection.on(published, T0);
        projection.on(published, T0.plusSeconds(5));
        projection.on(new NotificationRead(id, ADA));
        projection.on(new NotificationRead(id, ADA));

        assertThat(template.count(new Query(), NotificationDocuments.ENTRIES)).isEqualTo(1);
        assertThat(template.count(new Query(), NotificationDocuments.READS)).isEqualTo(1);
        assertThat(template.findById(ADA.value(), Document.class, NotificationDocuments.INBOXES).get("slots"))
                .isEqualTo(1L);
        assertThat(list(ADA, false).results()).singleElement().satisfies(view -> assertThat(view.read()).isTrue());
    }

    @Test
    void anEmptySlotLeftByACrashIsSkipped() {
        template.insert(new Document("_id", ADA.value()).append("slots", 1L), NotificationDocuments.INBOXES);
        NotificationId id = publish(ADA, "after the crash", 0);

        assertThat(template.findById(ADA.value() + "#1", Document.class, NotificationDocuments.ENTRIES)).isNotNull();
        assertThat(list(ADA, false).results()).extracting(NotificationView::uuid).containsExactly(id);
    }

    @Test
    void subscribersOfTheRecipientAndOfABroadcastGetTheirViews() {
        NotificationId toAda = NotificationId.random();
        NotificationId everyone = NotificationId.random();
        List<NotificationView> adaSees = subscribe(toAda, ADA);
        List<NotificationView> bobSeesAdas = subscribe(toAda, BOB);
        List<NotificationView> bobSeesBroadcast = subscribe(everyone, BOB);
        List<NotificationView> adaSeesBroadcast = subscribe(everyone, ADA);

        projection.on(new NotificationPublished(toAda, NotificationLevel.INFO, "yours", false, ADA, ADMIN), T0);
        projection.on(new NotificationPublished(everyone, NotificationLevel.INFO, "all", false, null, ADMIN), T0);
        projection.on(new NotificationRead(toAda, ADA));
        projection.on(new NotificationRead(everyone, BOB));

        assertThat(adaSees).extracting(NotificationView::read).containsExactly(false, true);
        assertThat(bobSeesAdas).isEmpty();
        assertThat(bobSeesBroadcast).extracting(NotificationView::read).containsExactly(false, true);
        assertThat(adaSeesBroadcast).extracting(NotificationView::read).containsExactly(false);
    }

    @Test
    void resetEmptiesTheReadModel() {
        NotificationId id = publish(null, "x", 0);
        projection.on(new NotificationRead(id, ADA));

        projection.reset();

        assertThat(list(ADA, false).results()).isEmpty();
        assertThat(template.count(new Query(), NotificationDocuments.INBOXES)).isZero();
        assertThat(template.count(new Query(), NotificationDocuments.READS)).isZero();
    }

    @Test
    void manyNotificationsAreReadInChunks() {
        for (int i = 0; i < 1_200; i++) {
            publish(i % 2 == 0 ? ADA : null, "n" + i, i);
        }
        NotificationPage page = queries.handle(new ListNotifications(ADA, false, 0, 1_000));
        assertThat(page.total()).isEqualTo(1_200);
        assertThat(page.results()).hasSize(1_000);
        assertThat(page.results().get(0).message()).isEqualTo("n1199");
    }

    private NotificationId publish(UserId recipient, String message, int secondsAfterT0) {
        NotificationId id = NotificationId.random();
        projection.on(new NotificationPublished(id, NotificationLevel.INFO, message, false, recipient, ADMIN),
                T0.plusSeconds(secondsAfterT0));
        return id;
    }

    private NotificationPage list(UserId user, boolean unreadOnly) {
        return queries.handle(new ListNotifications(user, unreadOnly, 0, 100));
    }

    private List<NotificationView> subscribe(NotificationId id, UserId user) {
        var query = new GenericSubscriptionQueryMessage<>(new FindNotification(id, user),
                ResponseTypes.instanceOf(NotificationView.class), ResponseTypes.instanceOf(NotificationView.class));
        List<NotificationView> views = new CopyOnWriteArrayList<>();
        emitter.<NotificationView>registerUpdateHandler(query, 1_024).getUpdates()
                .map(SubscriptionQueryUpdateMessage::getPayload)
                .subscribe(views::add);
        return views;
    }
}
