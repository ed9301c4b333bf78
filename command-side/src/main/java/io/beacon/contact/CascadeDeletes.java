package io.beacon.contact;

import io.beacon.contact.command.DeleteContact;
import io.beacon.contact.value.ContactId;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends the cascade's {@code DeleteContact} commands and returns once each one's events are stored.
 *
 * <p>The commands run on a thread of their own on purpose. Sent from the event handler's thread they
 * would join the processor's unit of work, and their events would be appended only when that unit of
 * work commits — after the processor's token is stored. A crash between the two would then lose the
 * deletions while the token says the company's deletion was handled. Run apart, every deletion is
 * stored before the handler returns, so the token never runs ahead of the work.
 */
@Component
class CascadeDeletes implements DisposableBean {

    private static final long TIMEOUT_SECONDS = 60;

    private final CommandGateway commands;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "contact-cascade-sender");
        thread.setDaemon(true);
        return thread;
    });

    CascadeDeletes(CommandGateway commands) {
        this.commands = commands;
    }

    /**
     * Deletes each contact (as {@code COMPANY_DELETED}, so an already deleted one is a no-op), in
     * order; the first failure is thrown and the rest are left for the retry.
     */
    void deleteAll(Collection<ContactId> contacts, MetaData cause) {
        for (ContactId contact : contacts) {
            var command = GenericCommandMessage.asCommandMessage(DeleteContact.companyDeleted(contact)).andMetaData(cause);
            try {
                sender.submit(() -> commands.sendAndWait(command, TIMEOUT_SECONDS, TimeUnit.SECONDS))
                        .get(TIMEOUT_SECONDS + 5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while deleting contact " + contact, e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException("could not delete contact " + contact, e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("deleting contact " + contact + " timed out", e);
            }
        }
    }

    @Override
    public void destroy() {
        sender.shutdownNow();
    }
}
