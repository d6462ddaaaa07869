package cn.landreserve.workflow.ledger;

import cn.landreserve.chaincode.ProjectRecord;
import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.LedgerEntry;
import cn.landreserve.ledger.LedgerUnavailableException;
import cn.landreserve.workflow.kernel.EvidenceId;
import cn.landreserve.workflow.kernel.ProjectId;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The ledger's answers about evidence, for every reader that must not take the database's word: public
 * verification, certificates, timelines, the auditor's checks. Anchored records never change, so an answer that
 * found something is kept in memory (bounded); a "not found" only briefly, since the record may be anchored any
 * moment. A project's current facts change with every new version, so they are kept only briefly too.
 */
@Service
public class LedgerReads {

    /** How long "nothing anchored under this id or digest" is believed. */
    static final Duration NOT_FOUND_FOR = Duration.ofSeconds(2);
    /** How long a digest's list of matches is believed (a later upload of the same bytes adds one). */
    static final Duration MATCHES_FOR = Duration.ofSeconds(30);
    /** How long a project's current facts (publication among them) are believed. */
    static final Duration FACTS_FOR = Duration.ofSeconds(3);
    private static final int MAX_ENTRIES = 50_000;

    private final EvidenceLedger ledger;
    private final Cache<String, Optional<Anchored>> byId;
    private final Cache<String, List<Anchored>> byDigest;
    private final Cache<String, Optional<Anchored>> facts;
    private final Cache<String, Long> blocks;

    @Autowired
    LedgerReads(EvidenceLedger ledger) {
        this(ledger, Ticker.systemTicker());
    }

    /** With the clock the caches' lifetimes are measured on (tests move it). */
    LedgerReads(EvidenceLedger ledger, Ticker ticker) {
        this.ledger = ledger;
        this.byId = Caffeine.newBuilder().ticker(ticker).maximumSize(MAX_ENTRIES)
                .expireAfter(expiry((String k, Optional<Anchored> v) -> v.isPresent() ? null : NOT_FOUND_FOR)).build();
        this.byDigest = Caffeine.newBuilder().ticker(ticker).maximumSize(MAX_ENTRIES)
                .expireAfter(expiry((String k, List<Anchored> v) -> v.isEmpty() ? NOT_FOUND_FOR : MATCHES_FOR)).build();
        this.facts = Caffeine.newBuilder().ticker(ticker).maximumSize(MAX_ENTRIES).expireAfterWrite(FACTS_FOR).build();
        this.blocks = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();
    }

    /**
     * Anchored evidence as the ledger holds it, with the block its transaction is in.
     *
     * @param entry the stored evidence (record, kind, transaction, time)
     * @param blockNumber the block holding the anchoring transaction
     */
    public record Anchored(LedgerEntry entry, long blockNumber) {

        public String evidenceId() {
            return entry.evidenceId();
        }
    }

    /** The evidence under an id, if the ledger holds it. */
    public Optional<Anchored> byId(EvidenceId evidenceId) throws LedgerUnavailableException {
        Optional<Anchored> cached = byId.getIfPresent(evidenceId.value());
        if (cached != null) {
            return cached;
        }
        Optional<LedgerEntry> entry = ledger.findById(evidenceId.value());
        Optional<Anchored> answer = entry.isPresent() ? Optional.of(withBlock(entry.get())) : Optional.empty();
        byId.put(evidenceId.value(), answer);
        return answer;
    }

    /** Evidence holding a SHA-256 or SM3 digest (any case of hex), as the ledger indexes it. */
    public List<Anchored> byDigest(String hexDigest) throws LedgerUnavailableException {
        String digest = hexDigest.toLowerCase(Locale.ROOT);
        List<Anchored> cached = byDigest.getIfPresent(digest);
        if (cached != null) {
            return cached;
        }
        List<Anchored> answer = new ArrayList<>();
        for (LedgerEntry entry : ledger.findByDigest(digest)) {
            answer.add(withBlock(entry));
        }
        answer = List.copyOf(answer);
        byDigest.put(digest, answer);
        return answer;
    }

    /** A project's evidence in ledger order, read now (it grows as anchoring goes on). */
    public List<Anchored> byProject(ProjectId projectId) throws LedgerUnavailableException {
        List<Anchored> answer = new ArrayList<>();
        for (LedgerEntry entry : ledger.listByProject(projectId.value())) {
            answer.add(withBlock(entry));
        }
        return answer;
    }

    /**
     * A project's evidence in ledger order, read now, without block numbers: for readers that need only what is
     * anchored (the register over thousands of projects), not where.
     */
    public List<LedgerEntry> entriesOfProject(ProjectId projectId) throws LedgerUnavailableException {
        return ledger.listByProject(projectId.value());
    }

    /** The latest anchored version of a project's facts, if any. */
    public Optional<ProjectRecord> projectFacts(ProjectId projectId) throws LedgerUnavailableException {
        Optional<Anchored> cached = facts.getIfPresent(projectId.value());
        if (cached == null) {
            Optional<LedgerEntry> entry = ledger.projectFacts(projectId.value());
            cached = entry.isPresent() ? Optional.of(withBlock(entry.get())) : Optional.empty();
            facts.put(projectId.value(), cached);
        }
        return cached.map(a -> (ProjectRecord) a.entry().record());
    }

    /** Whether the ledger says the project is published (its latest anchored facts say so). */
    public boolean published(ProjectId projectId) throws LedgerUnavailableException {
        return projectFacts(projectId).map(ProjectRecord::published).orElse(false);
    }

    private Anchored withBlock(LedgerEntry entry) throws LedgerUnavailableException {
        Long block = blocks.getIfPresent(entry.evidenceId());
        if (block == null) {
            block = ledger.blockOf(entry);
            blocks.put(entry.evidenceId(), block);
        }
        return new Anchored(entry, block);
    }

    private interface Lifetime<K, V> {
        /** How long to keep; null for as long as there is room. */
        Duration of(K key, V value);
    }

    private static <K, V> Expiry<K, V> expiry(Lifetime<K, V> lifetime) {
        return new Expiry<>() {
            @Override
            public long expireAfterCreate(K key, V value, long currentTime) {
                Duration d = lifetime.of(key, value);
                return d == null ? Long.MAX_VALUE : d.toNanos();
            }

            @Override
            public long expireAfterUpdate(K key, V value, long currentTime, long currentDuration) {
                return expireAfterCreate(key, value, currentTime);
            }

            @Override
            public long expireAfterRead(K key, V value, long currentTime, long currentDuration) {
                return currentDuration;
            }
        };
    }
}
