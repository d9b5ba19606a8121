package org.mallku.heartbeat.notify;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.ShutdownEvent;

/**
 * The {@link Sender}s of every notifier, one per receiver, closed together at shutdown: what they still hold gets
 * {@code quarkus.shutdown.timeout} in all, not that much per notifier.
 */
@ApplicationScoped
class Senders {

    private final Duration shutdownTimeout;
    private final List<Sender> open = new CopyOnWriteArrayList<>();

    Senders(@ConfigProperty(name = "quarkus.shutdown.timeout", defaultValue = "30s") Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    /** A sender for the receiver at {@code receiver}, called {@code what} in logs. */
    Sender open(String what, URI receiver) {
        Sender sender = new Sender(what, receiver);
        open.add(sender);
        return sender;
    }

    /** After the other shutdown observers: a pulse that ends while the engine stops still has its notifications sent. */
    void onStop(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) ShutdownEvent event) throws InterruptedException {
        Sender.close(open, shutdownTimeout);
    }
}
