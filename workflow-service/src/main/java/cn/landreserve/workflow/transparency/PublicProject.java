package cn.landreserve.workflow.transparency;

import cn.landreserve.chaincode.ProjectRecord;
import cn.landreserve.workflow.project.Project;
import java.time.Instant;

/**
 * What the public sees of a published project: its facts as anchored on the ledger (code, name, district, area),
 * and from the database only where it stands now. No creator, no description, no process internals.
 */
record PublicProject(String id, String code, String name, String district, String areaSquareMeters,
        String currentStage, String status, Instant createdAt, Instant updatedAt, int factsVersion) {

    static PublicProject of(ProjectRecord facts, Project row) {
        return new PublicProject(facts.projectId(), facts.code(), facts.name(), facts.district(),
                facts.areaSquareMeters(), row == null ? null : row.currentStage(), row == null ? null : row.status().name(),
                row == null ? null : row.createdAt(), Instant.parse(facts.recordedAt()), facts.version());
    }
}
