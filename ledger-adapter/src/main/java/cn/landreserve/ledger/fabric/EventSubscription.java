package cn.landreserve.ledger.fabric;

import cn.landreserve.ledger.LedgerUnavailableException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Follows the contract's anchoring events on a background thread and hands each to a listener;
 * the checkpoint moves past an event only after the listener has returned, so every event is
 * delivered at least once, across reconnects and restarts. A listener that throws gets the same
 * event again after a pause. Close to stop.
 */
public final class EventSubscription implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventSubscription.class.getName());

    /** Opens a stream positioned after the checkpoint. */
    @FunctionalInterface
    interface Opener {
        FabricGatewayClient.EventStream open() throws LedgerUnavailableException;
    }

    private final Opener opener;
    private final Consumer<AnchoredEvent> listener;
    private final Duration pause;
    private final Thread thread;
    private final AtomicLong delivered = new AtomicLong();
    private volatile FabricGatewayClient.EventStream current;
    private volatile boolean closed;
    private volatile String lastFailure;

    EventSubscription(Opener opener, Consumer<AnchoredEvent> listener, Duration pause) {
        this.opener = opener;
        this.listener = listener;
        this.pause = pause;
        this.thread = new Thread(this::run, "fabric-anchoring-events");
        this.thread.setDaemon(true);
    }

    EventSubscription start() {
        thread.start();
        return this;
    }

    /** Events handed to the listener and checkpointed so far. */
    public long delivered() {
        return delivered.get();
    }

    /** Why the stream last broke, or {@code null}. */
    public String lastFailure() {
        return lastFailure;
    }

    private void run() {
        while (!closed) {
            try (FabricGatewayClient.EventStream stream = opener.open()) {
                current = stream;
                if (closed) {
                    return;
                }
                while (!closed) {
                    AnchoredEvent event = stream.next();
                    listener.accept(event);
                    stream.checkpoint(event);
                    delivered.incrementAndGet();
                    lastFailure = null;
                }
            } catch (LedgerUnavailableException | RuntimeException e) {
                if (closed) {
                    return;
                }
                lastFailure = String.valueOf(e.getMessage());
                LOG.log(System.Logger.Level.WARNING, "anchoring events: " + e.getMessage() + "; resuming from the"
                        + " checkpoint in " + pause.toMillis() + " ms");
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Stops following; the checkpoint stays where the last handled event left it. */
    @Override
    public void close() {
        closed = true;
        FabricGatewayClient.EventStream stream = current;
        if (stream != null) {
            stream.close();
        }
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
