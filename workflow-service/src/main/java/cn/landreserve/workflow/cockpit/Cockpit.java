package cn.landreserve.workflow.cockpit;

import cn.landreserve.ledger.LedgerHealth;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Everything the cockpit shows, computed at {@code generatedAt}. Each figure that counts projects carries
 * {@code projects}: the reserve land register's filter (a query string for {@code GET /api/register}) that lists
 * exactly those projects.
 */
record Cockpit(
        Instant generatedAt,
        Totals totals,
        List<District> byDistrict,
        List<StageLoad> byStage,
        Flow flow,
        List<Cycle> cycleTimes,
        Overdue overdue,
        Supervision supervision,
        RedLine redLine,
        Evidence evidence,
        List<Day> publicVerifications) {

    /** A count of projects and their area, and the register filter that lists them. */
    record Figure(long count, BigDecimal area, String projects) {}

    record Totals(Figure all, Figure reserve, Figure pipeline, Figure archived, Figure rejected) {}

    record District(String district, Figure reserve, Figure pipeline) {}

    record StageLoad(String stage, Figure projects) {}

    /** Per stage and month: projects that entered / left it (counts, and the register filter of each month). */
    record Flow(List<String> months, List<StageFlow> stages) {}

    record StageFlow(String stage, List<Figure> entered, List<Figure> left) {}

    /** Completed visits of a stage in days against its target, and the projects in it now and overdue now. */
    record Cycle(String stage, Double targetDays, long completed, Double medianDays, Double p90Days, long completedLate,
            Figure inStage, Figure overdueNow) {}

    /**
     * Overdue work: review tasks past their deadline and their projects; rectifications ordered at completion
     * acceptance (open, past the rectification deadline); rectifications opened by an inspection finding (open, past
     * their deadline).
     */
    record Overdue(long reviewTasks, Figure reviewProjects, Figure rectifications, Figure rectificationsOverdue,
            Figure inspectionRectifications, Figure inspectionRectificationsOverdue) {}

    /** Stored land under supervision (管护) and the projects whose inspection cycle passed without an inspection. */
    record Supervision(Figure supervised, Figure inspectionsOverdue, double cycleDays) {}

    /**
     * The current ecological red line's version (null: none imported), projects with parcel boundaries, and those
     * overlapping the red line beyond the review threshold with their overlap in m² ({@code available} false: the red
     * line could not be checked against the ledger, nothing is counted).
     */
    record RedLine(Integer version, Figure withParcels, Figure overlapping, BigDecimal overlapSquareMeters,
            boolean available) {}

    /**
     * The anchoring backlog is the database's record of pending work (evidence recorded and not yet anchored, the
     * jobs and failed jobs that anchor it); {@code ledger} is the ledger's own health; {@code onLedger} the
     * projects by their evidence status as the ledger answers it (the register's), {@code disagreements} those where
     * the database and the ledger disagree.
     */
    record Evidence(long pendingDocuments, long pendingDecisions, Figure projectsWithPending, long pendingJobs,
            long incidents, LedgerHealth ledger, List<EvidenceState> onLedger, Figure disagreements) {}

    record EvidenceState(String state, Figure projects) {}

    record Day(String day, long count) {}
}
