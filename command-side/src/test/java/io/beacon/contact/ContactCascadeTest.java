package io.beacon.contact;

import io.beacon.company.LiveCompanies;
import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.value.CompanyId;
import io.beacon.contact.command.CreateContact;
import io.beacon.contact.command.DeleteContact;
import io.beacon.contact.event.ContactCreated;
import io.beacon.contact.event.ContactDeleted;
import io.beacon.contact.value.ContactDeletionCause;
import io.beacon.contact.value.ContactFields;
import io.beacon.contact.value.ContactId;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The company cascade against a real Axon command bus, event store and {@link Contact} aggregate
 * (in memory). Its handlers are called as the tracking processor would call them, including the
 * redeliveries a restart causes; the last test runs the production processor set-up end to end.
 */
class ContactCascadeTest {

    private static final CompanyId ACME = CompanyId.of("398cce44-233d-5f7c-aea1-e4a6a79df10c");
    private static final CompanyId OTHER = CompanyId.of("11111111-2222-3333-4444-555555555555");
    private static final MetaData DELETED_BY = MetaData.with("actor_uuid", "admin-uuid")
            .and("actor_email", "admin@example.com").and("request_id", "r-delete");

    private final Set<CompanyId> liveCompanies = ConcurrentHashMap.newKeySet();
    private final AtomicLong numbers = new AtomicLong();
    private final InMemoryCompanyContacts companyContacts = new InMemoryCompanyContacts();
    private Configuration axon;

    @AfterEach
    void stop() {
        if (axon != null) {
            axon.shutdown();
        }
    }

    @Test
    void companyDeletionDeletesEachOfItsContactsWithItsOwnEvent() {
        start(configurer());
        List<ContactId> acme = createAndTrack(ACME, 3);
        ContactId other = createAndTrack(OTHER, 1).get(0);
        ContactCascade cascade = cascade(gateway(counting(new AtomicInteger())));

        cascade.on(new CompanyDeleted(ACME), DELETED_BY);

        for (ContactId contact : acme) {
            List<DomainEventMessage<?>> deletions = deletions(contact);
            assertThat(deletions).hasSize(1);
            assertThat(deletions.get(0).getPayload())
                    .isEqualTo(new ContactDeleted(contact, ACME, ContactDeletionCause.COMPANY_DELETED));
            assertThat(deletions.get(0).getMetaData())
                    .containsEntry("actor_uuid", "admin-uuid").containsEntry("request_id", "r-delete");
        }
        assertThat(deletions(other)).isEmpty();
    }

    @Test
    void aCrashMidwayIsFinishedWhenTheDeletionIsHandledAgain() {
        start(configurer());
        List<ContactId> acme = createAndTrack(ACME, 3);
        AtomicInteger sent = new AtomicInteger();
        ContactCascade crashing = cascade(gateway(failingAfter(1, sent)));

        assertThatThrownBy(() -> crashing.on(new CompanyDeleted(ACME), DELETED_BY))
                .hasMessageContaining("crash");
        assertThat(acme.stream().filter(contact -> !deletions(contact).isEmpty())).hasSize(1);

        // After the restart the processor's token is still before CompanyDeleted: it comes again.
        cascade(gateway(counting(new AtomicInteger()))).on(new CompanyDeleted(ACME), DELETED_BY);

        for (ContactId contact : acme) {
            assertThat(deletions(contact)).as("deletions of " + contact).hasSize(1);
        }
    }

    @Test
    void handlingTheSameDeletionTwiceAddsNoEvents() {
        start(configurer());
        List<ContactId> acme = createAndTrack(ACME, 2);
        AtomicInteger sent = new AtomicInteger();
        ContactCascade cascade = cascade(gateway(counting(sent)));

        cascade.on(new CompanyDeleted(ACME), DELETED_BY);
        cascade.on(new CompanyDeleted(ACME), DELETED_BY);

        assertThat(sent.get()).as("the redelivery resends, and the aggregate ignores it").isEqualTo(4);
        for (ContactId contact : acme) {
            assertThat(deletions(contact)).hasSize(1);
        }
    }

    @Test
    void aContactCreatedAfterItsCompanysDeletionIsDeletedOnSight() {
        start(configurer());
        ContactCascade cascade = cascade(gateway(counting(new AtomicInteger())));
        liveCompanies.add(ACME);
        cascade.on(new CompanyDeleted(ACME), DELETED_BY);

        // Another node checked the company before the deletion and stored the contact after it.
        ContactId late = ContactId.random();
        command(new CreateContact(late, ACME, ContactFields.EMPTY));
        cascade.on(created(late), MetaData.emptyInstance());

        assertThat(deletions(late)).extracting(event -> (Object) event.getPayload())
                .containsExactly(new ContactDeleted(late, ACME, ContactDeletionCause.COMPANY_DELETED));
    }

    @Test
    void aContactAlreadyDeletedByAWriterGetsNoSecondDeletion() {
        start(configurer());
        List<ContactId> acme = createAndTrack(ACME, 2);
        command(DeleteContact.requested(acme.get(0)));
        AtomicInteger sent = new AtomicInteger();
        ContactCascade cascade = cascade(gateway(counting(sent)));
        cascade.on((ContactDeleted) deletions(acme.get(0)).get(0).getPayload());

        cascade.on(new CompanyDeleted(ACME), DELETED_BY);

        assertThat(sent.get()).isEqualTo(1);
        assertThat(deletions(acme.get(0))).extracting(event -> (Object) event.getPayload())
                .containsExactly(new ContactDeleted(acme.get(0), ACME, ContactDeletionCause.REQUESTED));
        assertThat(deletions(acme.get(1))).hasSize(1);
    }

    @Test
    void theTrackingProcessorRetriesAFailedCascadeInsteadOfPassingOverIt() throws InterruptedException {
        AtomicInteger sent = new AtomicInteger();
        Configurer configurer = configurer();
        new ContactCascadeConfiguration().contactCascadeProcessing().configureModule(configurer);
        configurer.eventProcessing(processing -> processing.registerEventHandler(
                c -> new ContactCascade(companyContacts, c.getComponent(CascadeDeletes.class))));
        // The first DeleteContact fails; the processor must come back to the same CompanyDeleted.
        AtomicInteger failures = new AtomicInteger();
        configurer.registerComponent(CascadeDeletes.class, c -> new CascadeDeletes(gateway(c.commandBus(),
                (messages) -> (i, m) -> {
                    if (m.getPayload() instanceof DeleteContact && failures.getAndIncrement() == 0) {
                        throw new IllegalStateException("store unavailable");
                    }
                    sent.incrementAndGet();
                    return m;
                })));
        start(configurer);
        liveCompanies.add(ACME);
        List<ContactId> acme = List.of(ContactId.random(), ContactId.random());
        acme.forEach(contact -> command(new CreateContact(contact, ACME, ContactFields.EMPTY)));
        axon.eventStore().publish(GenericEventMessage.asEventMessage(new CompanyDeleted(ACME)));

        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (acme.stream().anyMatch(contact -> deletions(contact).isEmpty()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(failures.get()).isGreaterThanOrEqualTo(1);
        for (ContactId contact : acme) {
            assertThat(deletions(contact)).as("deletions of " + contact).hasSize(1);
        }
    }

    private Configurer configurer() {
        return DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Contact.class)
                .registerComponent(LiveCompanies.class, c -> liveCompanies::contains)
                .registerComponent(ContactNumbers.class, c -> numbers::incrementAndGet)
                .configureCorrelationDataProviders(c -> List.of(
                        new SimpleCorrelationDataProvider("actor_uuid", "actor_email", "request_id")));
    }

    private void start(Configurer configurer) {
        axon = configurer.buildConfiguration();
        axon.start();
    }

    /** Creates contacts and hands their creation to the cascade's memory, as the processor would. */
    private List<ContactId> createAndTrack(CompanyId company, int count) {
        liveCompanies.add(company);
        ContactCascade tracker = cascade(gateway(counting(new AtomicInteger())));
        List<ContactId> contacts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ContactId contact = ContactId.random();
            command(new CreateContact(contact, company, ContactFields.EMPTY));
            tracker.on(created(contact), MetaData.emptyInstance());
            contacts.add(contact);
        }
        return contacts;
    }

    private ContactCreated created(ContactId contact) {
        return (ContactCreated) axon.eventStore().readEvents(contact.value()).asStream()
                .map(DomainEventMessage::getPayload).filter(ContactCreated.class::isInstance).findFirst().orElseThrow();
    }

    private List<DomainEventMessage<?>> deletions(ContactId contact) {
        return axon.eventStore().readEvents(contact.value()).asStream()
                .filter(event -> event.getPayload() instanceof ContactDeleted)
                .<DomainEventMessage<?>>map(event -> event)
                .toList();
    }

    private void command(Object command) {
        axon.commandGateway().sendAndWait(command);
    }

    private ContactCascade cascade(CommandGateway gateway) {
        return new ContactCascade(companyContacts, new CascadeDeletes(gateway));
    }

    private CommandGateway gateway(MessageDispatchInterceptor<CommandMessage<?>> interceptor) {
        return gateway(axon.commandBus(), interceptor);
    }

    private static CommandGateway gateway(org.axonframework.commandhandling.CommandBus bus,
                                          MessageDispatchInterceptor<CommandMessage<?>> interceptor) {
        return DefaultCommandGateway.builder().commandBus(bus).dispatchInterceptors(interceptor).build();
    }

    private static MessageDispatchInterceptor<CommandMessage<?>> counting(AtomicInteger sent) {
        return messages -> (BiFunction<Integer, CommandMessage<?>, CommandMessage<?>>) (i, m) -> {
            sent.incrementAndGet();
            return m;
        };
    }

    /** Lets {@code allowed} commands through, then fails every one, like a process dying midway. */
    private static MessageDispatchInterceptor<CommandMessage<?>> failingAfter(int allowed, AtomicInteger sent) {
        return messages -> (BiFunction<Integer, CommandMessage<?>, CommandMessage<?>>) (i, m) -> {
            if (sent.incrementAndGet() > allowed) {
                throw new IllegalStateException("crash after " + allowed + " deletions");
            }
            return m;
        };
    }
}
