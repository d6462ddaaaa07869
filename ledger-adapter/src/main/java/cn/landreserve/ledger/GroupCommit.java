package cn.landreserve.ledger;

import cn.landreserve.chaincode.EvidenceContract;
import cn.landreserve.chaincode.EvidenceRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit in front of a ledger: concurrent callers' records are gathered into shared
 * {@link EvidenceLedger#anchorGroup} transactions, so that on Fabric, where every transaction waits for a block
 * (about the orderer's batch timeout), many callers share one round trip.
 *
 * <p>Each caller hands over its records in the order they must be anchored (a project's facts, documents, then
 * the decisions relying on them); they stay together and in order inside one transaction. A sender takes the first
 * waiting request, then gathers more until the transaction holds {@code maxRecords} records, or no request has
 * arrived for {@code linger}, or the first request has waited {@code maxWait}: a lone record waits at most that
 * long, and a burst of callers is sent as soon as it has arrived rather than after {@code maxWait}. Idle senders
 * gather at the same time, so a burst is spread over up to {@code senders} transactions in flight at once: on
 * Fabric each record costs the chaincode several state calls, each a round trip to the peer, so several medium
 * transactions finish sooner than one large one (measured on the real network, see docs/benchmarks.md). When the ledger refuses a shared transaction (one record is bad), each caller's records are
 * sent again on their own, so a caller only ever sees the rejection of its own records.
 */
public final class GroupCommit implements AutoCloseable {
    /** How long gathering waits for the next request before it sends what it has, unless maxWait is shorter. */
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(10);

    private static final System.Logger LOG = System.getLogger(GroupCommit.class.getName());

    private record Request(List<EvidenceRecord> records, long arrivedNanos, CompletableFuture<List<Anchoring>> result) {
    }

    /** Shared transactions sent so far and the records they carried (records re-sent on their own not counted). */
    public record Stats(long transactions, long records) {
        /** Mean records per shared transaction. */
        public double recordsPerTransaction() {
            return transactions == 0 ? 0 : (double) records / transactions;
        }
    }

    private final EvidenceLedger ledger;
    private final long maxWaitNanos;
    private final long lingerNanos;
    private final int maxRecords;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final List<Thread> senders = new ArrayList<>();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong sentRecords = new AtomicLong();
    private volatile boolean closed;

    /**
     * Group commit that stops gathering after {@link #DEFAULT_LINGER} without a new request (or {@code maxWait},
     * when that is shorter).
     *
     * @see #GroupCommit(EvidenceLedger, Duration, Duration, int, int)
     */
    public GroupCommit(EvidenceLedger ledger, Duration maxWait, int maxRecords, int senders) {
        this(ledger, maxWait, DEFAULT_LINGER.compareTo(maxWait) < 0 ? DEFAULT_LINGER : maxWait, maxRecords, senders);
    }

    /**
     * @param ledger the ledger that runs the transactions
     * @param maxWait the longest a request waits for others before it is sent
     * @param linger gathering sends what it has once no request has arrived for this long
     * @param maxRecords most records in one transaction (at most {@link EvidenceContract#MAX_GROUP})
     * @param senders transactions in flight at once
     */
    public GroupCommit(EvidenceLedger ledger, Duration maxWait, Duration linger, int maxRecords, int senders) {
        if (maxRecords < 1 || maxRecords > EvidenceContract.MAX_GROUP) {
            throw new IllegalArgumentException("maxRecords must be 1 to " + EvidenceContract.MAX_GROUP);
        }
        if (senders < 1 || maxWait.isNegative() || linger.isNegative()) {
            throw new IllegalArgumentException("senders must be at least 1, maxWait and linger not negative");
        }
        this.ledger = ledger;
        this.maxWaitNanos = maxWait.toNanos();
        this.lingerNanos = linger.toNanos();
        this.maxRecords = maxRecords;
        for (int i = 0; i < senders; i++) {
            Thread sender = new Thread(this::send, "group-commit-" + i);
            sender.setDaemon(true);
            sender.start();
            this.senders.add(sender);
        }
    }

    /** What has been sent so far. */
    public Stats stats() {
        return new Stats(transactions.get(), sentRecords.get());
    }

    /**
     * Anchors {@code records} in order, together with other callers' records, and waits for the transaction.
     *
     * @return one anchoring per record, in order
     */
    public List<Anchoring> anchor(List<? extends EvidenceRecord> records)
            throws LedgerRejectedException, LedgerUnavailableException {
        if (records.isEmpty()) {
            return List.of();
        }
        if (records.size() > maxRecords) {
            return anchorAlone(List.copyOf(records));
        }
        Request request = new Request(List.copyOf(records), System.nanoTime(), new CompletableFuture<>());
        queue.add(request);
        if (closed) {
            request.result().completeExceptionally(new LedgerUnavailableException(LedgerPhase.SUBMIT,
                    "group commit is closed"));
        }
        try {
            return request.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException(LedgerPhase.COMMIT_STATUS, "interrupted while waiting for the ledger",
                    e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LedgerRejectedException rejected) {
                throw rejected.rethrown();
            }
            if (cause instanceof LedgerUnavailableException unavailable) {
                throw unavailable;
            }
            throw new LedgerUnavailableException(LedgerPhase.ENDORSE, "group commit failed: " + cause, cause);
        }
    }

    /** A caller's records beyond one transaction's size: in consecutive transactions of their own. */
    private List<Anchoring> anchorAlone(List<EvidenceRecord> records)
            throws LedgerRejectedException, LedgerUnavailableException {
        List<Anchoring> out = new ArrayList<>(records.size());
        for (int from = 0; from < records.size(); from += maxRecords) {
            out.addAll(ledger.anchorGroup(records.subList(from, Math.min(records.size(), from + maxRecords))));
        }
        return out;
    }

    private void send() {
        Request carried = null; // did not fit the last transaction: first in this sender's next one
        while (!closed) {
            List<Request> group = new ArrayList<>();
            try {
                group.add(carried != null ? carried : queue.take());
            } catch (InterruptedException e) {
                continue; // closing
            }
            carried = null;
            Request first = group.get(0);
            int size = first.records().size();
            try {
                while (size < maxRecords) {
                    long left = Math.min(lingerNanos, first.arrivedNanos() + maxWaitNanos - System.nanoTime());
                    Request next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    if (size + next.records().size() > maxRecords) {
                        carried = next;
                        break;
                    }
                    group.add(next);
                    size += next.records().size();
                }
            } catch (InterruptedException e) {
                // closing: send what was gathered
            }
            commit(group, size);
            if (closed && carried != null) {
                carried.result().completeExceptionally(new LedgerUnavailableException(LedgerPhase.SUBMIT,
                        "group commit is closed"));
            }
        }
    }

    private void commit(List<Request> group, int size) {
        List<EvidenceRecord> records = new ArrayList<>(size);
        for (Request request : group) {
            records.addAll(request.records());
        }
        transactions.incrementAndGet();
        sentRecords.addAndGet(size);
        try {
            List<Anchoring> anchorings = ledger.anchorGroup(records);
            int at = 0;
            for (Request request : group) {
                request.result().complete(List.copyOf(anchorings.subList(at, at + request.records().size())));
                at += request.records().size();
            }
        } catch (LedgerRejectedException e) {
            if (group.size() == 1) {
                group.get(0).result().completeExceptionally(e);
                return;
            }
            LOG.log(System.Logger.Level.DEBUG, "a group of {0} requests was refused ({1}); sending each alone",
                    group.size(), e.getMessage());
            for (Request request : group) {
                try {
                    request.result().complete(ledger.anchorGroup(request.records()));
                } catch (LedgerRejectedException | LedgerUnavailableException | RuntimeException failure) {
                    request.result().completeExceptionally(failure);
                }
            }
        } catch (LedgerUnavailableException | RuntimeException e) {
            for (Request request : group) {
                request.result().completeExceptionally(e);
            }
        }
    }

    /** Stops the senders after the transactions in flight; requests still waiting fail as unavailable. */
    @Override
    public void close() {
        closed = true;
        for (Thread sender : senders) {
            sender.interrupt();
        }
        for (Thread sender : senders) {
            try {
                sender.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Request request; (request = queue.poll()) != null; ) {
            request.result().completeExceptionally(new LedgerUnavailableException(LedgerPhase.SUBMIT,
                    "group commit is closed"));
        }
    }
}
