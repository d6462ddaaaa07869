package cn.landreserve.workflow.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A lifecycle stage and the document types it produces. */
public record Stage(String code, LocalizedName name, List<DocumentType> documents) {

    public Stage {
        documents = List.copyOf(documents);
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
