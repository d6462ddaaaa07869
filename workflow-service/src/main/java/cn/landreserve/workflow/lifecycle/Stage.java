package cn.landreserve.workflow.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A lifecycle stage, the document types it produces, and the bureau's target for how long a project should stay
 * in it (an ISO-8601 duration such as {@code P30D}; none for the last stage, and for the review the configured
 * review deadline applies, see {@link StageTargets}).
 */
public record Stage(String code, LocalizedName name, List<DocumentType> documents, String target) {

    public Stage {
        documents = List.copyOf(documents);
        if (target != null) {
            Duration.parse(target); // fails the catalogue's load on a malformed target
        }
    }

    public Optional<Duration> targetDuration() {
        return Optional.ofNullable(target).map(Duration::parse);
    }

    public Optional<DocumentType> documentType(String type) {
        return documents.stream().filter(d -> d.type().equals(type)).findFirst();
    }

    /**
     * What is still missing before this stage's work can be completed, given the document types present.
     * Each entry is a document type, or for a one-of group the group's types joined by "|".
     */
    public List<String> missingDocuments(Set<String> present, boolean formerIndustrial) {
        List<String> missing = new ArrayList<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (DocumentType d : documents) {
            if (d.rule() == DocumentRule.ONE_OF) {
                groups.computeIfAbsent(d.group(), g -> new ArrayList<>()).add(d.type());
            } else if (d.requiredFor(formerIndustrial) && !present.contains(d.type())) {
                missing.add(d.type());
            }
        }
        groups.values().stream()
                .filter(types -> types.stream().noneMatch(present::contains))
                .forEach(types -> missing.add(String.join("|", types)));
        return missing;
    }
}
