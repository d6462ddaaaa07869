package cn.landreserve.workflow.project;

import cn.landreserve.chaincode.ProjectRecord;
import cn.landreserve.chaincode.TextDigests;
import cn.landreserve.workflow.kernel.Anchor;
import cn.landreserve.workflow.kernel.AnchorState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One version of a project's facts, as recorded in the database and anchored on the ledger as a PROJECT record.
 * Version 1 is the creation; each later one names the version it replaces, who made it, in which role and why.
 */
public record ProjectVersion(
        String id,
        String projectId,
        int version,
        String previousId,
        String code,
        String name,
        String district,
        BigDecimal areaSquareMeters,
        boolean formerIndustrial,
        boolean published,
        String actor,
        String role,
        String reason,
        Instant recordedAt,
        AnchorState anchorState,
        Anchor anchor,
        String geometrySha256) {

    /** The first version, recorded with the project itself. */
    static ProjectVersion first(Project p, String role, String reason) {
        return new ProjectVersion(newId(), p.id().value(), 1, null, p.code(), p.name(), p.district(),
                p.areaSquareMeters(), p.formerIndustrial(), p.published(), p.createdBy(), role, reason, p.createdAt(),
                AnchorState.PENDING, null, null);
    }

    /** The version after this one, holding the project's facts as they are now (the parcels unchanged). */
    ProjectVersion next(Project p, String actor, String role, String reason, Instant now) {
        return nextWithGeometry(p, geometrySha256, actor, role, reason, now);
    }

    /** The version after this one with other parcel boundaries (by the digest of their canonical GeoJSON). */
    ProjectVersion nextWithGeometry(Project p, String geometry, String actor, String role, String reason,
            Instant now) {
        return new ProjectVersion(newId(), projectId, version + 1, id, p.code(), p.name(), p.district(),
                p.areaSquareMeters(), p.formerIndustrial(), p.published(), actor, role, reason, now,
                AnchorState.PENDING, null, geometry);
    }

    static String newId() {
        return "pv-" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The ledger's record of this version: the facts, and the reason as its digest only. */
    public ProjectRecord record() {
        return new ProjectRecord(id, projectId, version, previousId, code, name, district,
                areaSquareMeters.setScale(2).toPlainString(), formerIndustrial, published, geometrySha256, actor, role,
                TextDigests.sha256(reason), recordedAt.toString());
    }
}
