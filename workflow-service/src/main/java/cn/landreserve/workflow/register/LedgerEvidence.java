package cn.landreserve.workflow.register;

import cn.landreserve.chaincode.EvidenceKind;
import cn.landreserve.chaincode.SealRecord;
import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.LedgerEntry;
import cn.landreserve.ledger.LedgerHealth;
import cn.landreserve.ledger.LedgerUnavailableException;
import cn.landreserve.workflow.kernel.ProjectId;
import cn.landreserve.workflow.ledger.LedgerReads;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The register's evidence status, read from the ledger: which of the evidence items the database records (project
 * facts versions, documents, decisions) the ledger holds, what it holds that the database does not, and its seal.
 * The database's own claim (its anchor state, its seal row) is kept beside it, never in its place.
 *
 * <p>Thousands of rows are read from a per-project view of the ledger ({@code listByProject}, one call per
 * project) kept in memory with the ledger's height when it was read. While the ledger has no new block, nothing was
 * anchored since, so the view is still exactly the ledger's (the height is asked at most every
 * {@link #HEIGHT_FOR}; such a view is believed at most {@link #SAME_HEIGHT_FOR}). Once blocks are added: anchored records never change or go away, so a view that already
 * holds every item the database records stays good for {@link #COMPLETE_FOR}; a view that lacks one of them (not
 * anchored yet, or the database claims what the ledger lacks) is believed only for {@link #INCOMPLETE_FOR}. When the
 * ledger does not answer, rows say so ({@link State#LEDGER_UNAVAILABLE}) for {@link #UNAVAILABLE_FOR}, without
 * asking again per row.
 */
@Component
public class LedgerEvidence {

    private static final Logger log = LoggerFactory.getLogger(LedgerEvidence.class);

    /** How long a view holding every recorded item is believed (what it cannot show: items only on the ledger). */
    static final Duration COMPLETE_FOR = Duration.ofSeconds(30);
    /** How long a view lacking a recorded item is believed (it may be anchored any moment). */
    static final Duration INCOMPLETE_FOR = Duration.ofSeconds(2);
    /** After the ledger failed to answer, how long rows say so without asking it again. */
    static final Duration UNAVAILABLE_FOR = Duration.ofSeconds(2);
    /**
     * The longest a view is believed because the ledger's height has not changed (on Fabric the height and the list
     * may come from peers a block apart; the next block, or this, ends that).
     */
    static final Duration SAME_HEIGHT_FOR = Duration.ofMinutes(10);
    /** How long the ledger's height is believed. */
    static final Duration HEIGHT_FOR = Duration.ofSeconds(1);
    private static final int MAX_PROJECTS = 100_000;

    /**
     * The status of a project's evidence, the ledger's word first.
     *
     * <ul>
     *   <li>{@code ANCHORED}: the ledger holds every item the database records, and nothing else;
     *   <li>{@code PENDING}: some items are not on the ledger yet, and the database does not claim otherwise;
     *   <li>{@code MISMATCH}: the database claims an item anchored that the ledger lacks, the ledger holds an item
     *       the database does not record, or they disagree about the seal;
     *   <li>{@code LEDGER_UNAVAILABLE}: the ledger could not be asked; nothing is taken from the database instead.
     * </ul>
     */
    public enum State { ANCHORED, PENDING, MISMATCH, LEDGER_UNAVAILABLE }

    /** What the database records about a project's evidence. */
    record Recorded(String projectId, Collection<String> items, Collection<String> claimedAnchored, Instant sealRecordedAt) {}

    /**
     * The status of one project's evidence.
     *
     * @param recordedItems items the database records
     * @param recordedAnchored of those, how many the database says are anchored
     * @param anchoredItems of those, how many the ledger holds (null when it could not be asked)
     * @param ledgerOnlyItems items on the ledger the database does not record (seal and batches apart)
     * @param claimedNotOnLedger items the database says are anchored and the ledger lacks
     * @param sealedAt the seal's time on the ledger, null if the ledger holds none
     * @param sealTxId the transaction that anchored the seal on the ledger
     * @param sealRecordedAt the database's seal, for comparison
     */
    public record Status(State state, long recordedItems, long recordedAnchored, Long anchoredItems, Long ledgerOnlyItems,
            List<String> claimedNotOnLedger, Instant sealedAt, String sealTxId, Instant sealRecordedAt) {}

    /** The ledger's view of one project when it was read. */
    private record View(Set<String> ids, Instant sealedAt, String sealTxId, Instant readAt, long height) {}

    /** The ledger's height as last asked, and when. */
    private record Height(long blocks, Instant askedAt) {}

    private final LedgerReads ledger;
    private final EvidenceLedger health;
    private final Clock clock;
    private final Cache<String, View> views = Caffeine.newBuilder().maximumSize(MAX_PROJECTS).build();
    private final AtomicReference<Instant> unavailableSince = new AtomicReference<>();
    private final AtomicReference<Height> height = new AtomicReference<>();

    LedgerEvidence(LedgerReads ledger, EvidenceLedger health, Clock clock) {
        this.ledger = ledger;
        this.health = health;
        this.clock = clock;
    }

    Status status(Recorded recorded) {
        View view = view(recorded);
        long claimed = recorded.claimedAnchored().size();
        if (view == null) {
            return new Status(State.LEDGER_UNAVAILABLE, recorded.items().size(), claimed, null, null, List.of(), null,
                    null, recorded.sealRecordedAt());
        }
        Set<String> recordedIds = new HashSet<>(recorded.items());
        long anchored = recordedIds.stream().filter(view.ids()::contains).count();
        long ledgerOnly = view.ids().stream().filter(id -> !recordedIds.contains(id)).count();
        List<String> missing = new ArrayList<>();
        for (String id : recorded.claimedAnchored()) {
            if (!view.ids().contains(id)) {
                missing.add(id);
            }
        }
        missing.sort(null);
        boolean sealDisagrees = (view.sealedAt() == null) != (recorded.sealRecordedAt() == null);
        State state = !missing.isEmpty() || ledgerOnly > 0 || sealDisagrees ? State.MISMATCH
                : anchored < recordedIds.size() ? State.PENDING : State.ANCHORED;
        return new Status(state, recordedIds.size(), claimed, anchored, ledgerOnly, List.copyOf(missing),
                view.sealedAt(), view.sealTxId(), recorded.sealRecordedAt());
    }

    /** The cached view if it can still be believed for what the database records, else the ledger's answer now. */
    private View view(Recorded recorded) {
        Instant now = clock.instant();
        long blocks = height(now);
        View cached = views.getIfPresent(recorded.projectId());
        if (cached != null) {
            boolean complete = cached.ids().containsAll(recorded.items())
                    && (recorded.sealRecordedAt() == null || cached.sealedAt() != null);
            if ((blocks >= 0 && blocks == cached.height() && cached.readAt().plus(SAME_HEIGHT_FOR).isAfter(now))
                    || cached.readAt().plus(complete ? COMPLETE_FOR : INCOMPLETE_FOR).isAfter(now)) {
                return cached;
            }
        }
        Instant down = unavailableSince.get();
        if (down != null && down.plus(UNAVAILABLE_FOR).isAfter(now)) {
            return null;
        }
        try {
            View fresh = read(recorded.projectId(), now, blocks);
            unavailableSince.set(null);
            views.put(recorded.projectId(), fresh);
            return fresh;
        } catch (LedgerUnavailableException e) {
            log.debug("Register without the ledger: {}", e.getMessage());
            unavailableSince.set(now);
            return null;
        }
    }

    /** The ledger's height (blocks), asked at most every {@link #HEIGHT_FOR}; -1 when it is not up. */
    private long height(Instant now) {
        Height known = height.get();
        if (known != null && known.askedAt().plus(HEIGHT_FOR).isAfter(now)) {
            return known.blocks();
        }
        LedgerHealth h = health.health();
        long blocks = h.status() == LedgerHealth.Status.DOWN ? -1 : h.height();
        height.set(new Height(blocks, now));
        return blocks;
    }

    /** The project's evidence as the ledger holds it now; {@code blocks} was asked before, so a view is never newer. */
    private View read(String projectId, Instant now, long blocks) throws LedgerUnavailableException {
        Set<String> ids = new HashSet<>();
        Instant sealedAt = null;
        String sealTx = null;
        for (LedgerEntry e : ledger.entriesOfProject(new ProjectId(projectId))) {
            if (e.kind() == EvidenceKind.SEAL) {
                sealedAt = Instant.parse(((SealRecord) e.record()).sealedAt());
                sealTx = e.txId();
            } else if (e.kind() != EvidenceKind.BATCH) {
                ids.add(e.evidenceId());
            }
        }
        return new View(Set.copyOf(ids), sealedAt, sealTx, now, blocks);
    }
}
