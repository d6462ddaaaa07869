package cn.landreserve.workflow.transparency;

import cn.landreserve.workflow.project.Project;
import java.time.Instant;

/** What the public sees of a published project: no creator, no description, no process internals. */
record PublicProject(String id, String code, String name, String district, String currentStage, String status,
        Instant createdAt, Instant updatedAt) {

    static PublicProject of(Project p) {
        return new PublicProject(p.id().value(), p.code(), p.name(), p.district(), p.currentStage(), p.status().name(),
                p.createdAt(), p.updatedAt());
    }
}
