package cn.landreserve.workflow.document;

import cn.landreserve.documents.ByteRange;
import cn.landreserve.documents.ContentDisposition;
import cn.landreserve.workflow.document.DocumentService.Upload;
import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.kernel.Refusal;
import cn.landreserve.workflow.security.CurrentActor;
import cn.landreserve.workflow.web.MultipartForm;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DocumentController {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{1,19})-(\\d{0,19})");
    private static final Set<String> UPLOAD_FIELDS = Set.of("documentType", "classification", "replaces");
    /** At most this much of an oversize body is read after refusing it (a smaller one is read to its end). */
    private static final long DRAIN_AT_MOST = 64L << 20;

    private final DocumentService service;
    private final CurrentActor currentActor;

    DocumentController(DocumentService service, CurrentActor currentActor) {
        this.service = service;
        this.currentActor = currentActor;
    }

    /**
     * Multipart upload: the fields first, then the file, which goes to the object store (with its digests computed on
     * the way) while it is being received. Fields may also come in the query string.
     */
    @PostMapping(path = "/api/tasks/{taskId}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = UploadForm.class)))
    ResponseEntity<Document> upload(@PathVariable String taskId, HttpServletRequest request)
            throws DomainException {
        long length = request.getContentLengthLong();
        try {
            service.requireWithinSizeLimit(length);
            MultipartForm.FilePart part = MultipartForm.fieldsThenFile(request, "file", UPLOAD_FIELDS);
            if (part.field("documentType") == null || part.field("classification") == null) {
                throw new DomainException(Refusal.INVALID, "MISSING_FIELD", "documentType and classification "
                        + "must come before the file part (or in the query string)", Map.of("taskId", taskId));
            }
            try (InputStream in = part.content()) {
                Document document = service.upload(taskId, currentActor.require(), new Upload(part.field("documentType"),
                        part.field("classification"), part.field("replaces"), part.fileName(), -1), in);
                return ResponseEntity.created(URI.create("/api/documents/" + document.id())).body(document);
            } catch (IOException closing) {
                throw new DomainException(Refusal.INVALID, "UPLOAD_INCOMPLETE", "the upload could not be read to its end");
            }
        } catch (DomainException refused) {
            // read what the client is still sending, so that it gets the answer; not gigabytes of an oversize body
            MultipartForm.discardRest(request, length > DRAIN_AT_MOST ? DRAIN_AT_MOST : Long.MAX_VALUE);
            throw refused;
        }
    }

    /** The upload form, for the API description. */
    @Schema(name = "DocumentUpload", requiredProperties = {"documentType", "classification", "file"})
    record UploadForm(
            @Schema(description = "a document type of the task's stage, e.g. IMPLEMENTATION_PLAN") String documentType,
            @Schema(description = "PUBLIC, INTERNAL or SENSITIVE") String classification,
            @Schema(description = "id of the document this one replaces (a new version)") String replaces,
            @Schema(type = "string", format = "binary", description = "the file; the last part of the form") String file) {}

    @GetMapping("/api/documents/{documentId}")
    Document get(@PathVariable String documentId) throws DomainException {
        return service.readable(documentId, currentActor.require());
    }

    @GetMapping("/api/documents/{documentId}/content")
    ResponseEntity<InputStreamResource> content(@PathVariable String documentId,
            @RequestHeader(name = HttpHeaders.RANGE, required = false) String rangeHeader) throws DomainException {
        Document document = service.readable(documentId, currentActor.require());
        long size = document.file().size();
        ByteRange range = parseRange(rangeHeader, size);
        InputStream in = service.open(document, range);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(range == null ? HttpStatus.OK : HttpStatus.PARTIAL_CONTENT)
                .contentType(MediaType.parseMediaType(document.file().mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment(document.file().originalName()))
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .header("X-Document-SHA256", document.file().sha256());
        if (range != null) {
            long last = range.offset() + range.length() - 1;
            response.header(HttpHeaders.CONTENT_RANGE, "bytes " + range.offset() + "-" + last + "/" + size)
                    .contentLength(range.length());
        } else {
            response.contentLength(size);
        }
        return response.body(new InputStreamResource(in));
    }

    static ByteRange parseRange(String header, long size) throws DomainException {
        if (header == null) {
            return null;
        }
        Matcher m = RANGE.matcher(header.strip());
        if (!m.matches()) {
            throw new DomainException(Refusal.INVALID, "INVALID_RANGE", "only one range 'bytes=first-last' is supported");
        }
        long first = Long.parseLong(m.group(1));
        long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
        if (first >= size || last < first) {
            throw new DomainException(Refusal.INVALID, "INVALID_RANGE", "range outside the file of " + size + " bytes");
        }
        return new ByteRange(first, last - first + 1);
    }
}
