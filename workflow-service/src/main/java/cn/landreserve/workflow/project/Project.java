package cn.landreserve.workflow.project;

import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.kernel.ProjectId;
import cn.landreserve.workflow.kernel.Refusal;
import cn.landreserve.workflow.kernel.TextRules;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A land reserve project (土地储备项目). State changes are methods that check the current state first.
 * Immutable: each change returns the changed project.
 */
public record Project(
        ProjectId id,
        String code,
        String name,
        String district,
        BigDecimal areaSquareMeters,
        boolean formerIndustrial,
        String description,
        ProjectStatus status,
        String currentStage,
        boolean published,
        String processInstanceId,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {

    /** Stages in which the applicant may still amend the facts: until the approver has decided. */
    private static final java.util.Set<String> AMENDABLE_STAGES = java.util.Set.of("INITIATION", "REVIEW", "APPROVAL");

    /** A new project is not public: the approver publishes it. */
    public static Project open(ProjectId id, String code, NewProject facts, String createdBy, Instant now)
            throws DomainException {
        facts.requireValid();
        return new Project(id, code, facts.name(), facts.district(), facts.areaSquareMeters(),
                facts.formerIndustrial(), facts.description(), ProjectStatus.ACTIVE, "INITIATION",
                false, null, createdBy, now, now);
    }

    /** The applicant's corrected facts, before the approval decision only; the code never changes. */
    public Project amend(NewProject facts, Instant now) throws DomainException {
        facts.requireValid();
        requireAmendable();
        if (facts.name().equals(name) && facts.district().equals(district)
                && facts.areaSquareMeters().compareTo(areaSquareMeters) == 0
                && facts.formerIndustrial() == formerIndustrial
                && java.util.Objects.equals(facts.description(), description)) {
            throw new ProjectStateException(id.value(), "NOTHING_CHANGED", "the amendment changes no fact");
        }
        return new Project(id, code, facts.name(), facts.district(), facts.areaSquareMeters(),
                facts.formerIndustrial(), facts.description(), status, currentStage, published, processInstanceId,
                createdBy, createdAt, now);
    }

    /** Published or withdrawn by the approver; an archived project is sealed and takes no more changes. */
    public Project publish(boolean publish, Instant now) throws ProjectStateException {
        if (status == ProjectStatus.ARCHIVED) {
            throw new ProjectStateException(id.value(), "PROJECT_SEALED",
                    "is archived and sealed on the ledger; publication is decided before archiving");
        }
        if (publish == published) {
            throw new ProjectStateException(id.value(), "NOTHING_CHANGED",
                    publish ? "is already published" : "is not published");
        }
        return new Project(id, code, name, district, areaSquareMeters, formerIndustrial, description, status,
                currentStage, publish, processInstanceId, createdBy, createdAt, now);
    }

    /** Facts (the parcels among them) change only while active and until the approval decision. */
    public void requireAmendable() throws ProjectStateException {
        requireActive("be amended");
        if (!AMENDABLE_STAGES.contains(currentStage)) {
            throw new ProjectStateException(id.value(), "FACTS_FROZEN", "is in stage " + currentStage
                    + "; its facts can be amended only until the approval decision");
        }
    }

    public boolean active() {
        return status == ProjectStatus.ACTIVE;
    }

    public Project withProcessInstance(String processInstanceId) {
        return new Project(id, code, name, district, areaSquareMeters, formerIndustrial, description, status,
                currentStage, published, processInstanceId, createdBy, createdAt, updatedAt);
    }

    public Project enterStage(String stage, Instant now) throws ProjectStateException {
        requireActive("enter stage " + stage);
        return new Project(id, code, name, district, areaSquareMeters, formerIndustrial, description, status,
                stage, published, processInstanceId, createdBy, createdAt, now);
    }

    public Project reject(Instant now) throws ProjectStateException {
        requireActive("be rejected");
        return new Project(id, code, name, district, areaSquareMeters, formerIndustrial, description,
                ProjectStatus.REJECTED, currentStage, published, processInstanceId, createdBy, createdAt, now);
    }

    public Project archive(Instant now) throws ProjectStateException {
        requireActive("be archived");
        return new Project(id, code, name, district, areaSquareMeters, formerIndustrial, description,
                ProjectStatus.ARCHIVED, "ARCHIVE", published, processInstanceId, createdBy, createdAt, now);
    }

    public void requireActive(String action) throws ProjectStateException {
        if (!active()) {
            throw new ProjectStateException(id.value(), "is " + status + " and cannot " + action);
        }
    }

    /** The facts an applicant gives when opening a project (or amending its facts). */
    public record NewProject(
            String name, String district, BigDecimal areaSquareMeters, boolean formerIndustrial,
            String description) {

        private static final BigDecimal MAX_AREA = new BigDecimal("1000000000000");

        /** Refuses facts a project cannot have, naming the field and the rule. */
        public void requireValid() throws DomainException {
            text("name", name, 200);
            text("district", district, 100);
            if (description != null && description.length() > 4000) {
                invalid("description", "at most 4000 characters");
            }
            if (description != null && description.codePoints()
                    .anyMatch(c -> c != '\n' && c != '\r' && c != '\t' && TextRules.forbidden(c))) {
                invalid("description", "contains control, invisible or bidirectional-override characters");
            }
            if (areaSquareMeters == null || areaSquareMeters.signum() <= 0 || areaSquareMeters.compareTo(MAX_AREA) >= 0
                    || areaSquareMeters.scale() > 2) {
                invalid("areaSquareMeters", "a positive area in square metres with at most two decimals");
            }
        }

        /** A required single-line text of at most {@code max} characters, free of control and invisible characters. */
        static void text(String field, String value, int max) throws DomainException {
            if (value == null || value.isBlank()) {
                invalid(field, "is required");
            }
            if (value.length() > max) {
                invalid(field, "at most " + max + " characters");
            }
            if (!TextRules.clean(value)) {
                invalid(field, "contains control, invisible or bidirectional-override characters");
            }
        }

        private static void invalid(String field, String problem) throws DomainException {
            throw new DomainException(Refusal.INVALID, "INVALID_FIELDS", field + ": " + problem,
                    Map.of("fields", Map.of(field, problem)));
        }
    }
}
