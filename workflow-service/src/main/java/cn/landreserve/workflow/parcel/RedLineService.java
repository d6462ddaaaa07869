package cn.landreserve.workflow.parcel;

import static cn.landreserve.workflow.kernel.Refusal.CONFLICT;
import static cn.landreserve.workflow.kernel.Refusal.FORBIDDEN;
import static cn.landreserve.workflow.kernel.Refusal.UNAVAILABLE;

import cn.landreserve.chaincode.Classification;
import cn.landreserve.chaincode.DocumentRecord;
import cn.landreserve.chaincode.TextDigests;
import cn.landreserve.documents.DocumentStore;
import cn.landreserve.documents.DocumentStoreException;
import cn.landreserve.documents.StoredDocument;
import cn.landreserve.ledger.Anchoring;
import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.LedgerRejectedException;
import cn.landreserve.ledger.LedgerUnavailableException;
import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.kernel.EvidenceId;
import cn.landreserve.workflow.ledger.LedgerReads;
import cn.landreserve.workflow.security.Actor;
import cn.landreserve.workflow.security.Role;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ecological protection red line: each import a new version, its canonical GeoJSON in the object store and
 * anchored on the ledger before it counts (evidence before effect): a red line the ledger has not taken is not
 * imported. Reading a version checks its bytes against the ledger's digest.
 */
@Service
public class RedLineService {

    private static final Logger log = LoggerFactory.getLogger(RedLineService.class);

    private final RedLineRepository versions;
    private final DocumentStore store;
    private final EvidenceLedger ledger;
    private final LedgerReads reads;
    private final Clock clock;
    private final Map<String, Boundaries> verified = new ConcurrentHashMap<>();

    RedLineService(RedLineRepository versions, DocumentStore store, EvidenceLedger ledger, LedgerReads reads,
            Clock clock) {
        this.versions = versions;
        this.store = store;
        this.ledger = ledger;
        this.reads = reads;
        this.clock = clock;
    }

    /** A version with its boundaries. */
    public record Loaded(RedLineVersion version, Boundaries boundaries) {}

    @Transactional(rollbackFor = Exception.class)
    public RedLineVersion importVersion(JsonNode geojson, Actor actor) throws DomainException {
        if (actor.role() != Role.OPERATOR) {
            throw new DomainException(FORBIDDEN, "NOT_AN_OPERATOR", "only an operator imports the red line");
        }
        Boundaries boundaries = Boundaries.read(geojson);
        versions.lock();
        Optional<RedLineVersion> current = versions.current();
        if (current.isPresent() && current.get().sha256().equals(boundaries.sha256())) {
            throw new DomainException(CONFLICT, "RED_LINE_UNCHANGED", "the red line is the same as version "
                    + current.get().version(), Map.of("version", current.get().version()));
        }
        int number = current.map(v -> v.version() + 1).orElse(1);
        byte[] bytes = boundaries.canonical();
        String fileName = "ecological-red-line-v" + number + ".geojson";
        StoredDocument stored;
        try {
            stored = store.put(new ByteArrayInputStream(bytes), fileName, bytes.length);
        } catch (DocumentStoreException e) {
            log.warn("The object store did not take red line version {}: {}", number, e.toString());
            throw new DomainException(UNAVAILABLE, "OBJECT_STORE_UNAVAILABLE",
                    "the object store cannot take the red line now; nothing was imported, try again");
        }
        Instant now = clock.instant();
        String id = "redline-" + UUID.randomUUID().toString().replace("-", "");
        DocumentRecord record = new DocumentRecord(id, RedLineVersion.LEDGER_PROJECT, RedLineVersion.STAGE,
                RedLineVersion.DOCUMENT_TYPE, number, current.map(RedLineVersion::id).orElse(null),
                stored.digests().sha256Hex(), stored.digests().sm3Hex(), stored.size(), stored.mediaType(),
                Classification.INTERNAL, actor.username(), now.toString(), TextDigests.sha256(fileName));
        Anchoring anchoring;
        try {
            anchoring = ledger.anchorDocument(record);
        } catch (LedgerUnavailableException | LedgerRejectedException e) {
            withdraw(stored.key());
            log.warn("The ledger did not take red line version {}: {}", number, e.toString());
            throw new DomainException(UNAVAILABLE, "LEDGER_UNAVAILABLE",
                    "the ledger cannot anchor the red line now; nothing was imported, try again");
        }
        RedLineVersion version = new RedLineVersion(id, number, record.previousEvidenceId(), stored.key(),
                record.sha256(), record.sm3(), stored.size(), boundaries.features().size(), actor.username(), now,
                anchoring.txId(), anchoring.blockNumber(), Instant.parse(anchoring.anchoredAt()));
        versions.insert(version);
        verified.put(id, boundaries);
        return version;
    }

    public List<RedLineVersion> versions() {
        return versions.all();
    }

    /** The current red line, its bytes checked against the digest the ledger holds for it. */
    public Optional<Loaded> current() throws DomainException {
        Optional<RedLineVersion> current = versions.current();
        if (current.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Loaded(current.get(), load(current.get())));
    }

    private Boundaries load(RedLineVersion v) throws DomainException {
        Boundaries cached = verified.get(v.id());
        if (cached != null) {
            return cached;
        }
        String anchored;
        try {
            anchored = reads.byId(new EvidenceId(v.id())).map(a -> ((DocumentRecord) a.entry().record()).sha256()).orElse(null);
        } catch (LedgerUnavailableException e) {
            throw new DomainException(UNAVAILABLE, "LEDGER_UNAVAILABLE",
                    "the red line cannot be checked against the ledger now");
        }
        byte[] bytes;
        try (InputStream in = store.get(v.objectKey())) {
            bytes = in.readAllBytes();
        } catch (DocumentStoreException | IOException e) {
            throw new DomainException(UNAVAILABLE, "OBJECT_STORE_UNAVAILABLE",
                    "the red line cannot be read from the object store now");
        }
        String actual = Boundaries.sha256Hex(bytes);
        if (anchored == null || !anchored.equals(actual)) {
            log.error("Red line version {} ({}) does not match the ledger: stored {}, anchored {}", v.version(),
                    v.id(), actual, anchored);
            throw new DomainException(CONFLICT, "RED_LINE_TAMPERED", "red line version " + v.version()
                    + " differs from what the ledger holds; an auditor must look at it",
                    Map.of("redLineEvidenceId", v.id(), "stored", actual, "anchored", String.valueOf(anchored)));
        }
        Boundaries boundaries = Boundaries.read(ParcelService.tree(new String(bytes, StandardCharsets.UTF_8)));
        verified.put(v.id(), boundaries);
        return boundaries;
    }

    private void withdraw(String key) {
        try {
            store.withdraw(key);
        } catch (DocumentStoreException e) {
            log.error("The object {} of a refused red line import could not be removed: {}", key, e.getMessage());
        }
    }
}
