package cn.landreserve.workflow.register;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * One project in the reserve land register: its facts, where it stands, the first date it entered each stage
 * (China's calendar), and its evidence as the ledger holds it ({@link LedgerEvidence.Status}: items recorded, of
 * those anchored per the ledger and per the database, what only the ledger holds, the seal), disagreements shown.
 *
 * @param acquisitionType EXPROPRIATION (征收, a compensation agreement), PURCHASE (收购, an acquisition contract),
 *     RECOVERY (收回, a decision recovering the land-use right), MIXED (more than one of them), or null before
 *     acquisition
 * @param recordedOn the day the project's record was made in this service (a project carried over from an earlier
 *     system may have stage dates before it)
 * @param entryDate when the reserve entry was confirmed (入库): the first day in a stage after entry
 */
public record RegisterRow(
        String projectId,
        String code,
        String name,
        String district,
        BigDecimal areaSquareMeters,
        boolean formerIndustrial,
        String acquisitionType,
        String stage,
        String status,
        LocalDate recordedOn,
        LocalDate entryDate,
        Map<String, LocalDate> stageDates,
        Instant inStageSince,
        boolean overdue,
        LedgerEvidence.Status evidence) {}
