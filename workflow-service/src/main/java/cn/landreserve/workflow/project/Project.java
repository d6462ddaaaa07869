package cn.landreserve.workflow.project;

import java.math.BigDecimal;
import java.time.Instant;

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

    public static Project open(ProjectId id, String code, NewProject facts, String createdBy, Instant now) {
        return new Project(id, code, facts.name(), facts.district(), facts.areaSquareMeters(),
                facts.formerIndustrial(), facts.description(), ProjectStatus.ACTIVE, "INITIATION",
                facts.published(), null, createdBy, now, now);
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

    /** The facts an applicant gives when opening a project. */
    public record NewProject(
            String name, String district, BigDecimal areaSquareMeters, boolean formerIndustrial,
            String description, boolean published) {}
}
