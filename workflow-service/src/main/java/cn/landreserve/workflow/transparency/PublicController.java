package cn.landreserve.workflow.transparency;

import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.web.PublicUrl;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/public")
class PublicController {

    private final Transparency transparency;
    private final PublicUrl publicUrl;

    PublicController(Transparency transparency, PublicUrl publicUrl) {
        this.transparency = transparency;
        this.publicUrl = publicUrl;
    }

    @GetMapping("/projects")
    List<PublicProject> search(@RequestParam(required = false) String q, @RequestParam(defaultValue = "50") int limit,
            @RequestParam(defaultValue = "0") int offset) throws DomainException {
        return transparency.search(q, limit, offset);
    }

    @GetMapping("/projects/{projectId}")
    Map<String, Object> project(@PathVariable String projectId) throws DomainException {
        PublicProject project = transparency.published(projectId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("project", project);
        body.put("evidence", transparency.evidence(project));
        return body;
    }

    /** The public sends a digest (SHA-256 or SM3), never a file; the ledger answers. */
    @GetMapping("/verify")
    Map<String, Object> verify(@RequestParam(required = false) String sha256, @RequestParam(required = false) String sm3)
            throws DomainException {
        Transparency.DigestQuery digest = Transparency.DigestQuery.of(sha256, sm3);
        List<Certificate> matches = transparency.verify(digest, baseUrl());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("verified", !matches.isEmpty());
        body.put(digest.algorithm(), digest.hex());
        body.put("matches", matches);
        return body;
    }

    @GetMapping("/evidence/{evidenceId}")
    Certificate certificate(@PathVariable String evidenceId) throws DomainException {
        return transparency.certificate(evidenceId, baseUrl());
    }

    @GetMapping(path = "/evidence/{evidenceId}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> qr(@PathVariable String evidenceId) throws DomainException {
        Certificate certificate = transparency.certificate(evidenceId, baseUrl());
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).contentType(MediaType.IMAGE_PNG)
                .body(QrCodes.png(certificate.verifyUrl(), 300));
    }

    /** The configured public address (reserve.public.url), never the Host header of the request. */
    private String baseUrl() {
        return publicUrl.base();
    }
}
