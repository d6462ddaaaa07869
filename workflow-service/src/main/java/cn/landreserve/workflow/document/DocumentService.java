package cn.landreserve.workflow.document;

import static cn.landreserve.workflow.kernel.Refusal.CONFLICT;
import static cn.landreserve.workflow.kernel.Refusal.FORBIDDEN;
import static cn.landreserve.workflow.kernel.Refusal.INVALID;
import static cn.landreserve.workflow.kernel.Refusal.NOT_FOUND;
import static cn.landreserve.workflow.kernel.Refusal.TOO_LARGE;
import static cn.landreserve.workflow.kernel.Refusal.UNAVAILABLE;
import static cn.landreserve.workflow.kernel.Refusal.UNSUPPORTED_MEDIA_TYPE;

import cn.landreserve.documents.ByteRange;
import cn.landreserve.documents.DocumentRejectedException;
import cn.landreserve.documents.DocumentStore;
import cn.landreserve.documents.DocumentStoreException;
import cn.landreserve.documents.StoredDocument;
import cn.landreserve.workflow.engine.WorkflowEngine.OpenTask;
import cn.landreserve.workflow.kernel.AnchorState;
import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.kernel.EvidenceId;
import cn.landreserve.workflow.kernel.TextRules;
import cn.landreserve.workflow.ledger.LedgerReads;
import cn.landreserve.workflow.lifecycle.LifecycleCatalogue;
import cn.landreserve.workflow.lifecycle.Stage;
import cn.landreserve.workflow.lifecycle.TaskDefinition;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.project.ProjectRepository;
import cn.landreserve.workflow.security.Actor;
import cn.landreserve.workflow.task.TaskWork;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Documents uploaded to a task: every check first, then the bytes streamed once into the object store (digests
 * computed on the way), then one short transaction records them. Reading checks the classification.
 */
@Service
public class DocumentService {

    public static final int MAX_FILE_NAME = 255;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DocumentService.class);

    /** Room in a request for the form fields and part headers besides the file. */
    static final long FORM_ALLOWANCE = 256 * 1024;

    private final TaskWork tasks;
    private final LifecycleCatalogue catalogue;
    private final ProjectRepository projects;
    private final DocumentRepository documents;
    private final DocumentStore store;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final LedgerReads ledger;

    DocumentService(TaskWork tasks, LifecycleCatalogue catalogue, ProjectRepository projects,
            DocumentRepository documents, DocumentStore store, TransactionTemplate transaction, Clock clock,
            LedgerReads ledger) {
        this.ledger = ledger;
        this.tasks = tasks;
        this.catalogue = catalogue;
        this.projects = projects;
        this.documents = documents;
        this.store = store;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** What an upload says about itself; the bytes come separately as a stream. */
    public record Upload(String documentType, String classification, String replaces, String fileName, long declaredSize) {}

    public Document upload(String taskId, Actor actor, Upload upload, InputStream content)
            throws DomainException {
        OpenTask task = tasks.workable(taskId, actor);
        Project project = projects.find(task.projectId()).orElseThrow();
        project.requireActive("take documents");
        TaskDefinition definition = catalogue.requireTask(task.elementId());
        Stage stage = catalogue.stage(definition.stage()).orElseThrow();

        String type = upload.documentType() == null ? "" : upload.documentType();
        if (catalogue.stageOfDocumentType(type).isEmpty()) {
            throw new DomainException(INVALID, "UNKNOWN_DOCUMENT_TYPE", "unknown document type '" + type + "'",
                    Map.of("taskId", taskId, "allowed", stage.documents().stream().map(d -> d.type()).toList()));
        }
        if (stage.documentType(type).isEmpty()) {
            throw new DomainException(INVALID, "DOCUMENT_TYPE_NOT_OF_STAGE",
                    type + " is not a document of stage " + stage.code(),
                    Map.of("taskId", taskId, "allowed", stage.documents().stream().map(d -> d.type()).toList()));
        }
        if (stage.documentType(type).get().rule() == cn.landreserve.workflow.lifecycle.DocumentRule.GENERATED) {
            throw new DomainException(INVALID, "DOCUMENT_TYPE_GENERATED",
                    type + " is written by the service itself and cannot be uploaded", Map.of("taskId", taskId));
        }
        Classification classification = classification(upload.classification());
        String fileName = fileName(upload.fileName());
        Document previous = null;
        if (upload.replaces() != null && !upload.replaces().isBlank()) {
            previous = documents.find(upload.replaces())
                    .filter(d -> d.projectId().equals(project.id().value()) && d.documentType().equals(type))
                    .orElseThrow(() -> new DomainException(INVALID, "UNKNOWN_PREVIOUS_VERSION",
                            "no " + type + " document " + upload.replaces() + " in this project to replace",
                            Map.of("replaces", upload.replaces())));
            if (documents.isReplaced(previous.id())) {
                throw new DomainException(CONFLICT, "ALREADY_REPLACED",
                        "document " + previous.id() + " was already replaced by a newer version", Map.of("replaces", previous.id()));
            }
        }

        StoredDocument stored = put(content, fileName, upload.declaredSize());
        StoredFile file = new StoredFile(stored.key(), stored.versionId().orElse(null), stored.originalFileName(),
                stored.mediaType(), stored.size(), stored.digests().sha256Hex(), stored.digests().sm3Hex());
        Document document = previous == null
                ? new Document(Document.newId(), project.id().value(), stage.code(), type, 1, null, taskId, file,
                        classification, actor.username(), clock.instant(), AnchorState.PENDING, null)
                : previous.nextVersion(Document.newId(), taskId, file, classification, actor.username(), clock.instant());
        // The bytes took time to arrive: the task may have been completed, or the stage left, meanwhile. Look again
        // with the project locked (as completion locks it) in the transaction that records the document.
        String refusal;
        try {
            refusal = transaction.execute(status -> {
                Project now = projects.findForUpdate(project.id().value()).orElseThrow();
                if (!now.active() || !now.currentStage().equals(stage.code())) {
                    return "the project left stage " + stage.code() + " while the file was being received";
                }
                if (tasks.stillOpen(taskId).isEmpty()) {
                    return "task " + taskId + " was completed while the file was being received";
                }
                documents.insert(document);
                return null;
            });
        } catch (DuplicateKeyException e) {
            withdraw(file.objectKey());
            throw new DomainException(CONFLICT, "ALREADY_REPLACED",
                    "document " + document.previousId() + " was replaced concurrently", Map.of("replaces", document.previousId()));
        } catch (RuntimeException e) {
            withdraw(file.objectKey());
            throw e;
        }
        if (refusal != null) {
            withdraw(file.objectKey());
            throw new DomainException(CONFLICT, "TASK_ALREADY_COMPLETED", refusal + "; the upload was not kept",
                    Map.of("taskId", taskId));
        }
        return document;
    }

    /** A file the service writes itself (an inspection, a photo, an overlap report), recorded as a document. */
    public record Generated(String projectId, String stage, String documentType, String taskId, String fileName,
            Classification classification, String uploadedBy, boolean replacesCurrent) {}

    /**
     * Stores the bytes of a document the service produced and records it, pending anchoring like any upload, in the
     * caller's transaction. With {@code replacesCurrent} it becomes the next version of the project's current
     * document of that type. The object is withdrawn again if recording fails.
     */
    public Document recordGenerated(Generated g, byte[] content) throws DomainException {
        Document previous = null;
        if (g.replacesCurrent()) {
            java.util.Set<String> replaced = new java.util.HashSet<>();
            List<Document> ofType = documents.ofProject(g.projectId()).stream()
                    .filter(d -> d.documentType().equals(g.documentType())).toList();
            ofType.forEach(d -> { if (d.previousId() != null) { replaced.add(d.previousId()); } });
            previous = ofType.stream().filter(d -> !replaced.contains(d.id())).reduce((a, b) -> b).orElse(null);
        }
        StoredDocument stored = put(new java.io.ByteArrayInputStream(content), g.fileName(), content.length);
        StoredFile file = new StoredFile(stored.key(), stored.versionId().orElse(null), stored.originalFileName(),
                stored.mediaType(), stored.size(), stored.digests().sha256Hex(), stored.digests().sm3Hex());
        Document document = previous == null
                ? new Document(Document.newId(), g.projectId(), g.stage(), g.documentType(), 1, null, g.taskId(), file,
                        g.classification(), g.uploadedBy(), clock.instant(), AnchorState.PENDING, null)
                : previous.nextVersion(Document.newId(), g.taskId(), file, g.classification(), g.uploadedBy(),
                        clock.instant());
        try {
            documents.insert(document);
        } catch (RuntimeException e) {
            withdraw(file.objectKey());
            throw e;
        }
        return document;
    }

    /**
     * The classification access follows: the ledger's for an anchored document (a database edit cannot lower it),
     * the stricter of the two where they disagree; the database's while it is not anchored or the ledger is away.
     */
    public Classification classificationOf(Document document) {
        try {
            return ledger.byId(new EvidenceId(document.id()))
                    .filter(a -> a.entry().record() instanceof cn.landreserve.chaincode.DocumentRecord)
                    .map(a -> Classification.valueOf(((cn.landreserve.chaincode.DocumentRecord) a.entry().record())
                            .classification().name()))
                    .map(document.classification()::stricter)
                    .orElse(document.classification());
        } catch (cn.landreserve.ledger.LedgerUnavailableException e) {
            return document.classification();
        }
    }

    /** Removes the object of an upload that was not accepted; a failure is logged, the refusal still stands. */
    private void withdraw(String key) {
        try {
            store.withdraw(key);
        } catch (DocumentStoreException e) {
            log.error("The object {} of a refused upload could not be removed: {}", key, e.getMessage());
        }
    }

    /**
     * Refuses, before a byte of it is read, a request body too long to hold a file within the size limit (the form's
     * fields and part headers get a small allowance).
     */
    public void requireWithinSizeLimit(long requestLength) throws DomainException {
        long limit = store.config().maxSizeBytes();
        if (requestLength > limit + FORM_ALLOWANCE) {
            throw new DomainException(TOO_LARGE, "FILE_TOO_LARGE", "the upload of " + requestLength
                    + " bytes is over the limit of " + limit + " bytes", Map.of("limit", limit));
        }
    }

    public Document readable(String documentId, Actor actor) throws DomainException {
        Document document = documents.find(documentId).orElseThrow(() -> new DomainException(
                NOT_FOUND, "DOCUMENT_NOT_FOUND", "no document " + documentId, Map.of("documentId", String.valueOf(documentId))));
        Classification classification = classificationOf(document);
        if (!mayRead(actor, document, classification)) {
            throw new DomainException(FORBIDDEN, "CLASSIFIED",
                    "document " + documentId + " is " + classification + " and your role may not read it",
                    Map.of("documentId", documentId));
        }
        return document;
    }

    /**
     * Whether this actor may read this document (file and record): by its classification (the stricter of the
     * record's and the ledger's), and for reviewers also by the tasks that rely on its type (the catalogue's reads).
     */
    public boolean mayRead(Actor actor, Document document, Classification classification) {
        return AccessPolicy.mayRead(actor, classification, document.uploadedBy(), document.documentType(), catalogue);
    }

    public InputStream open(Document document, ByteRange range) throws DomainException {
        try {
            return range == null ? store.get(document.file().objectKey()) : store.getRange(document.file().objectKey(), range);
        } catch (DocumentStoreException e) {
            log.warn("The object store cannot serve document {}: {}", document.id(), e.toString());
            throw new DomainException(UNAVAILABLE, "OBJECT_STORE_UNAVAILABLE",
                    "the file of document " + document.id() + " cannot be read now", Map.of("documentId", document.id()));
        }
    }

    private StoredDocument put(InputStream content, String fileName, long declaredSize) throws DomainException {
        try {
            return store.put(content, fileName, declaredSize);
        } catch (DocumentRejectedException e) {
            throw switch (e.reason()) {
                case EMPTY -> new DomainException(INVALID, "EMPTY_FILE", "the file is empty");
                // the service's own words: the store's messages name the object key
                case TOO_LARGE -> new DomainException(TOO_LARGE, "FILE_TOO_LARGE", "the stream is over the limit of "
                        + store.config().maxSizeBytes() + " bytes", Map.of("limit", store.config().maxSizeBytes()));
                case TYPE_NOT_ALLOWED -> new DomainException(UNSUPPORTED_MEDIA_TYPE, "FILE_TYPE_NOT_ALLOWED",
                        "the content is " + e.detectedType().orElse("of an unknown type")
                                + ", which is not an allowed document type",
                        Map.of("detected", e.detectedType().orElse("unknown")));
                case SIZE_MISMATCH, SOURCE_FAILED -> new DomainException(INVALID, "UPLOAD_INCOMPLETE",
                        "the upload could not be read to its end");
            };
        } catch (DocumentStoreException e) {
            log.warn("The object store refused or failed an upload: {}", e.toString());
            throw new DomainException(UNAVAILABLE, "OBJECT_STORE_UNAVAILABLE",
                    "the object store cannot take the file now; nothing was recorded, try again");
        }
    }

    private static Classification classification(String value) throws DomainException {
        try {
            return Classification.valueOf(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            throw new DomainException(INVALID, "UNKNOWN_CLASSIFICATION",
                    "classification must be PUBLIC, INTERNAL or SENSITIVE", Map.of("given", String.valueOf(value)));
        }
    }

    /**
     * The original name, kept only as metadata (object keys are generated): a plain name, no path, no control or
     * bidirectional-override characters. Browsers send the bare name; anything with a path is refused, not trimmed.
     */
    static String fileName(String name) throws DomainException {
        String base = name == null ? "" : name.strip();
        if (base.isEmpty() || base.chars().allMatch(c -> c == '.')) {
            throw new DomainException(INVALID, "INVALID_FILE_NAME", "the file needs a name");
        }
        String lower = base.toLowerCase(java.util.Locale.ROOT);
        if (base.contains("/") || base.contains("\\") || base.contains("..") || base.contains(":")
                || lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c")) {
            throw new DomainException(INVALID, "INVALID_FILE_NAME",
                    "the file name must be a plain name, without a path or '..'");
        }
        if (base.length() > MAX_FILE_NAME) {
            throw new DomainException(INVALID, "INVALID_FILE_NAME", "file names have at most " + MAX_FILE_NAME + " characters");
        }
        if (!TextRules.clean(base)) {
            throw new DomainException(INVALID, "INVALID_FILE_NAME",
                    "the file name contains control, invisible or bidirectional-override characters");
        }
        return base;
    }
}
