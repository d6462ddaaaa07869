package cn.landreserve.workflow.register;

import static cn.landreserve.workflow.kernel.Refusal.INVALID;

import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.kernel.TextRules;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which projects a register (or a cockpit figure's drill-down) covers. Every field is optional (null or false:
 * no restriction). The period {@code from}..{@code to} (dates in China's time zone, both inclusive) applies to the
 * project's opening, or, with {@code entered} / {@code left}, to when it entered / left that stage.
 *
 * @param phase {@code pipeline} (active, not yet in the reserve) or {@code reserve} (entry confirmed, not rejected)
 * @param overdue active projects longer in their current stage than its target (a rectification: its deadline)
 * @param rectification projects sent back for rectification at completion acceptance and still rectifying
 * @param pending projects with evidence recorded in the database and not yet anchored (pending work, the database's
 *     word: what the ledger holds is in each row's evidence status)
 * @param redLine {@code overlap}: projects whose current parcels overlap the current ecological red line beyond the
 *     review threshold; {@code parcels}: projects whose current facts name parcel boundaries (rejected ones apart)
 * @param inspection {@code supervised}: stored land under supervision (active, in a supervised stage);
 *     {@code overdue}: of those, the ones whose inspection cycle passed without an inspection
 * @param inspectionRectification {@code open} or {@code overdue}: projects with a rectification opened by an
 *     inspection finding, still open (or past its deadline)
 * @param evidence a {@link LedgerEvidence.State}: projects whose evidence status, read from the ledger, is that one
 *     (e.g. {@code MISMATCH}: the database and the ledger disagree)
 */
public record RegisterFilter(String district, String stage, String status, String phase, LocalDate from, LocalDate to,
        String entered, String left, boolean overdue, boolean rectification, boolean pending, String redLine,
        String inspection, String inspectionRectification, String evidence) {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final Set<String> STATUSES = Set.of("ACTIVE", "REJECTED", "ARCHIVED");
    static final Set<String> PHASES = Set.of("pipeline", "reserve");

    static final Set<String> RED_LINE = Set.of("overlap", "parcels");
    static final Set<String> INSPECTION = Set.of("supervised", "overdue");
    static final Set<String> INSPECTION_RECTIFICATION = Set.of("open", "overdue");
    static final Set<String> EVIDENCE = java.util.Arrays.stream(LedgerEvidence.State.values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());

    public static final RegisterFilter ALL = new RegisterFilter(null, null, null, null, null, null, null, null, false, false,
            false, null, null, null, null);

    /** Checks request parameters against the lifecycle's stages; a refusal names the parameter. */
    public static RegisterFilter parse(Map<String, String> params, List<String> stages) throws DomainException {
        String district = text(params.get("district"));
        if (district != null && (district.length() > 100 || !TextRules.clean(district))) {
            throw invalid("district", "at most 100 characters, no control or invisible characters");
        }
        String stage = oneOf("stage", params.get("stage"), Set.copyOf(stages));
        String entered = oneOf("entered", params.get("entered"), Set.copyOf(stages));
        String left = oneOf("left", params.get("left"), Set.copyOf(stages));
        if (entered != null && left != null) {
            throw invalid("left", "give entered or left, not both");
        }
        LocalDate from = date("from", params.get("from"));
        LocalDate to = date("to", params.get("to"));
        if (from != null && to != null && from.isAfter(to)) {
            throw invalid("to", "the period ends before it starts");
        }
        return new RegisterFilter(district, stage, oneOf("status", params.get("status"), STATUSES),
                oneOf("phase", params.get("phase"), PHASES), from, to, entered, left, flag("overdue", params.get("overdue")),
                flag("rectification", params.get("rectification")), flag("pending", params.get("pending")),
                oneOf("redLine", params.get("redLine"), RED_LINE), oneOf("inspection", params.get("inspection"), INSPECTION),
                oneOf("inspectionRectification", params.get("inspectionRectification"), INSPECTION_RECTIFICATION),
                oneOf("evidence", params.get("evidence"), EVIDENCE));
    }

    public RegisterFilter withDistrict(String value) {
        return new RegisterFilter(value, stage, status, phase, from, to, entered, left, overdue, rectification, pending,
                redLine, inspection, inspectionRectification, evidence);
    }

    public RegisterFilter withStage(String value, String statusValue) {
        return new RegisterFilter(district, value, statusValue, phase, from, to, entered, left, overdue, rectification, pending,
                redLine, inspection, inspectionRectification, evidence);
    }

    public RegisterFilter withPhase(String value) {
        return new RegisterFilter(district, stage, status, value, from, to, entered, left, overdue, rectification, pending,
                redLine, inspection, inspectionRectification, evidence);
    }

    public RegisterFilter withMovement(String enteredStage, String leftStage, LocalDate start, LocalDate end) {
        return new RegisterFilter(district, stage, status, phase, start, end, enteredStage, leftStage, overdue, rectification, pending,
                redLine, inspection, inspectionRectification, evidence);
    }

    public RegisterFilter withFlags(boolean overdueFlag, boolean rectificationFlag, boolean pendingFlag) {
        return new RegisterFilter(district, stage, status, phase, from, to, entered, left, overdueFlag, rectificationFlag, pendingFlag,
                redLine, inspection, inspectionRectification, evidence);
    }

    /** Projects of the cockpit's supervision and red-line figures: one of the three is given, the others null. */
    public RegisterFilter withSupervision(String redLineValue, String inspectionValue, String rectificationValue) {
        return new RegisterFilter(district, stage, status, phase, from, to, entered, left, overdue, rectification, pending,
                redLineValue, inspectionValue, rectificationValue, evidence);
    }

    /** Projects whose evidence status, read from the ledger, is {@code state}. */
    public RegisterFilter withEvidence(LedgerEvidence.State state) {
        return new RegisterFilter(district, stage, status, phase, from, to, entered, left, overdue, rectification, pending,
                redLine, inspection, inspectionRectification, state.name());
    }

    /** Start of the period as an instant (midnight in China), or null. */
    Instant fromInstant() {
        return from == null ? null : from.atStartOfDay(CHINA).toInstant();
    }

    /** End of the period, exclusive (midnight after {@code to} in China), or null. */
    Instant toInstantExclusive() {
        return to == null ? null : to.plusDays(1).atStartOfDay(CHINA).toInstant();
    }

    /** The filter as request parameters, e.g. {@code district=%E5%9F%8E%E4%B8%9C%E5%8C%BA&phase=reserve}. */
    public String toQuery() {
        Map<String, String> p = new LinkedHashMap<>();
        put(p, "district", district);
        put(p, "stage", stage);
        put(p, "status", status);
        put(p, "phase", phase);
        put(p, "entered", entered);
        put(p, "left", left);
        put(p, "from", from == null ? null : from.toString());
        put(p, "to", to == null ? null : to.toString());
        put(p, "overdue", overdue ? "true" : null);
        put(p, "rectification", rectification ? "true" : null);
        put(p, "pending", pending ? "true" : null);
        put(p, "redLine", redLine);
        put(p, "inspection", inspection);
        put(p, "inspectionRectification", inspectionRectification);
        put(p, "evidence", evidence);
        return p.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
    }

    private static void put(Map<String, String> p, String key, String value) {
        if (value != null) {
            p.put(key, value);
        }
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String oneOf(String name, String value, Set<String> allowed) throws DomainException {
        String v = text(value);
        if (v != null && !allowed.contains(v)) {
            throw invalid(name, "must be one of " + allowed.stream().sorted().toList());
        }
        return v;
    }

    private static LocalDate date(String name, String value) throws DomainException {
        String v = text(value);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw invalid(name, "a date as yyyy-MM-dd");
        }
    }

    private static boolean flag(String name, String value) throws DomainException {
        String v = text(value);
        if (v == null || v.equals("false")) {
            return false;
        }
        if (v.equals("true")) {
            return true;
        }
        throw invalid(name, "true or false");
    }

    private static DomainException invalid(String name, String problem) {
        return new DomainException(INVALID, "INVALID_FILTER", name + ": " + problem,
                Map.of("fields", Map.of(name, problem)));
    }
}
