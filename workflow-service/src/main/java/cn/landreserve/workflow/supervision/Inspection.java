package cn.landreserve.workflow.supervision;

import java.time.Instant;
import java.util.List;

/**
 * One inspection as indexed in the database; its evidence is the anchored INSPECTION_RECORD document (and one
 * INSPECTION_PHOTO document per photo).
 */
public record Inspection(String id, String projectId, String recordDocumentId, String inspector, Instant inspectedAt,
        Finding finding, Double longitude, Double latitude, int photoCount, int flaggedPhotos, Instant recordedAt) {}

/** What the API answers for a recorded inspection. */
record InspectionView(Inspection inspection, List<PhotoCheck> photos, List<String> photoDocumentIds,
        String rectificationId, Instant rectificationDeadline) {}
