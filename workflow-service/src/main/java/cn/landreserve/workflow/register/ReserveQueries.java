package cn.landreserve.workflow.register;

import cn.landreserve.workflow.lifecycle.LifecycleCatalogue;
import cn.landreserve.workflow.lifecycle.Stage;
import cn.landreserve.workflow.lifecycle.StageTargets;
import cn.landreserve.workflow.supervision.InspectionCycle;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one query layer over the service's tables behind the register and the cockpit. Everything is aggregated in
 * PostgreSQL (a few grouped scans of project, stage_visit, document and decision), so the cost grows with the
 * tables, not with round trips. Stage codes and targets come from the lifecycle catalogue and are written into the
 * SQL as literals (checked against {@code [A-Z_]+}); every value from a request is a bound parameter.
 */
@Repository
public class ReserveQueries {

    private static final Pattern CODE = Pattern.compile("[A-Z_]+");

    /** Each project's open visit (the stage it is in since when), and whether it is a rectification. */
    private static final String OPEN_VISITS = """
            select project_id, stage, entered_at,
                   (stage = 'SITE_PREPARATION' and prev_stage = 'COMPLETION_ACCEPTANCE') as rectification
            from (select project_id, stage, entered_at, left_at,
                         lag(stage) over (partition by project_id order by entered_at, id) as prev_stage
                  from reserve.stage_visit) v
            where left_at is null""";

    /**
     * How a project's land was acquired, by the one-of acquisition document that shows it: 征收 (expropriation),
     * 收购 (purchase) or 收回 (recovery of the land-use right). Checked against the catalogue at start.
     */
    static final Map<String, String> ACQUISITION_DOCUMENTS = new LinkedHashMap<>();

    static {
        ACQUISITION_DOCUMENTS.put("COMPENSATION_AGREEMENT", "EXPROPRIATION");
        ACQUISITION_DOCUMENTS.put("ACQUISITION_CONTRACT", "PURCHASE");
        ACQUISITION_DOCUMENTS.put("LAND_RECOVERY_DECISION", "RECOVERY");
    }

    /** The acquisition types a project's documents show, as a sorted array (empty: none yet). */
    private static final String ACQUISITION_SQL = "coalesce(array_agg(distinct case document_type "
            + ACQUISITION_DOCUMENTS.entrySet().stream().map(e -> "when '" + code(e.getKey()) + "' then '" + code(e.getValue()) + "'")
                    .collect(Collectors.joining(" "))
            + " end) filter (where document_type in (" + list(List.copyOf(ACQUISITION_DOCUMENTS.keySet())) + ")), '{}')";

    /** Each project's evidence items as the database records them (facts versions, documents, decisions). */
    private static final String EVIDENCE_IDS = """
            left join (select project_id as ev_project, array_agg(id) as items,
                              coalesce(array_agg(id) filter (where anchor_state = 'ANCHORED'), '{}') as claimed
                       from (select project_id, id, anchor_state from reserve.project_version
                             union all select project_id, id, anchor_state from reserve.document
                             union all select project_id, id, anchor_state from reserve.decision) e
                       group by project_id) ev on ev.ev_project = p.id""";

    private final JdbcClient jdbc;
    private final StageTargets targets;
    private final LedgerEvidence ledgerEvidence;
    private final RedLineExposure redLine;
    private final InspectionCycle inspections;
    private final Clock clock;

    ReserveQueries(JdbcClient jdbc, StageTargets targets, LifecycleCatalogue catalogue, LedgerEvidence ledgerEvidence,
            RedLineExposure redLine, InspectionCycle inspections, Clock clock) {
        this.jdbc = jdbc;
        this.targets = targets;
        this.ledgerEvidence = ledgerEvidence;
        this.redLine = redLine;
        this.inspections = inspections;
        this.clock = clock;
        Stage acquisition = catalogue.stage("ACQUISITION").orElseThrow(() -> new IllegalStateException(
                "the catalogue has no ACQUISITION stage"));
        for (String type : ACQUISITION_DOCUMENTS.keySet()) {
            if (acquisition.documents().stream().noneMatch(d -> d.type().equals(type))) {
                throw new IllegalStateException("acquisition document type " + type + " is not in the catalogue");
            }
        }
    }

    public List<String> stages() {
        return targets.stages();
    }

    /** One page of the register and the count and area of all the rows the filter selects. */
    public record RegisterPage(List<RegisterRow> rows, long total, BigDecimal totalArea) {}

    public record Totals(long projects, BigDecimal area) {}

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public RegisterPage register(RegisterFilter filter, int limit, int offset) {
        Instant now = clock.instant();
        if (filter.evidence() != null) {
            List<RegisterRow> selected = byLedger(filter, now);
            BigDecimal area = selected.stream().map(RegisterRow::areaSquareMeters).reduce(BigDecimal.ZERO, BigDecimal::add);
            List<RegisterRow> page = selected.subList(Math.min(offset, selected.size()), Math.min(offset + limit, selected.size()));
            return new RegisterPage(List.copyOf(page), selected.size(), area);
        }
        List<RegisterRow> rows = params(jdbc.sql(rowsSql(filter) + " order by p.code, p.id limit :limit offset :offset"), filter, now)
                .param("limit", limit).param("offset", offset)
                .query(this::row).list();
        Totals totals = totals(filter, now);
        return new RegisterPage(rows, totals.projects(), totals.area());
    }

    /**
     * The totals first, then every row the filter selects, in one snapshot of the database (a repeatable-read
     * transaction): the totals always equal the rows, even while projects are being created.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public void export(RegisterFilter filter, Consumer<Totals> totalsSink, Consumer<RegisterRow> rowSink) {
        Instant now = clock.instant();
        if (filter.evidence() != null) {
            List<RegisterRow> selected = byLedger(filter, now);
            totalsSink.accept(new Totals(selected.size(),
                    selected.stream().map(RegisterRow::areaSquareMeters).reduce(BigDecimal.ZERO, BigDecimal::add)));
            selected.forEach(rowSink);
            return;
        }
        totalsSink.accept(totals(filter, now));
        params(jdbc.sql(rowsSql(filter) + " order by p.code, p.id"), filter, now).query(this::row).stream().forEach(rowSink);
    }

    /**
     * The rows whose evidence status (the ledger's answer, not a database column) is the filter's: every row the
     * other filters select is read and its status decided here, so the totals are those of exactly these rows.
     */
    private List<RegisterRow> byLedger(RegisterFilter filter, Instant now) {
        LedgerEvidence.State wanted = LedgerEvidence.State.valueOf(filter.evidence());
        return params(jdbc.sql(rowsSql(filter) + " order by p.code, p.id"), filter, now).query(this::row).list().stream()
                .filter(r -> r.evidence().state() == wanted).toList();
    }

    /** How many projects' evidence is in each state, the ledger asked (through the register's cached view). */
    public Map<LedgerEvidence.State, Long> evidenceStates() {
        Map<LedgerEvidence.State, Long> counts = new java.util.EnumMap<>(LedgerEvidence.State.class);
        for (LedgerEvidence.State state : LedgerEvidence.State.values()) {
            counts.put(state, 0L);
        }
        jdbc.sql("select p.id, ev.items, ev.claimed, s.sealed_at from reserve.project p\n" + EVIDENCE_IDS
                        + "\nleft join reserve.seal s on s.project_id = p.id")
                .query((rs, n) -> ledgerEvidence.status(new LedgerEvidence.Recorded(rs.getString(1),
                        List.of(strings(rs.getArray(2))), List.of(strings(rs.getArray(3))), instant(rs.getTimestamp(4)))).state())
                .list().forEach(state -> counts.merge(state, 1L, Long::sum));
        return counts;
    }

    private Totals totals(RegisterFilter filter, Instant now) {
        return params(jdbc.sql("select count(*), coalesce(sum(p.area_square_meters), 0) " + fromWhere(filter)), filter, now)
                .query((rs, n) -> new Totals(rs.getLong(1), rs.getBigDecimal(2))).single();
    }

    private String rowsSql(RegisterFilter filter) {
        String stageDates = stages().stream()
                .map(s -> "min(entered_at) filter (where stage = '" + code(s) + "') as \"d_" + s + "\"")
                .collect(Collectors.joining(", "));
        return """
                select p.id, p.code, p.name, p.district, p.area_square_meters, p.former_industrial, p.status,
                       p.current_stage, p.created_at, sd.*, ov.entered_at as in_stage_since,
                       (%s) as overdue,
                       ev.items, ev.claimed, d.acquisition, s.sealed_at
                """.formatted(overdueSql()) + fromWhere(filter).replace("/*stage dates*/",
                "left join (select project_id as sd_project, min(entered_at) filter (where stage in (" + list(targets.inReserveStages())
                        + ")) as entry_at, " + stageDates + " from reserve.stage_visit group by project_id) sd on sd.sd_project = p.id\n"
                        + EVIDENCE_IDS);
    }

    private String fromWhere(RegisterFilter f) {
        StringBuilder sql = new StringBuilder("""
                from reserve.project p
                /*stage dates*/
                left join (%s) ov on ov.project_id = p.id
                left join (select project_id, count(*) as items, count(*) filter (where anchor_state = 'ANCHORED') as anchored,
                                  count(*) filter (where anchor_state = 'PENDING') as pending,
                                  %s as acquisition
                           from reserve.document group by project_id) d on d.project_id = p.id
                left join (select project_id, count(*) as items, count(*) filter (where anchor_state = 'ANCHORED') as anchored,
                                  count(*) filter (where anchor_state = 'PENDING') as pending
                           from reserve.decision group by project_id) c on c.project_id = p.id
                left join reserve.seal s on s.project_id = p.id
                where (cast(:district as text) is null or p.district = :district)
                  and (cast(:stage as text) is null or p.current_stage = :stage)
                  and (cast(:status as text) is null or p.status = :status)
                """.formatted(OPEN_VISITS, ACQUISITION_SQL));
        if ("pipeline".equals(f.phase())) {
            sql.append(" and p.status = 'ACTIVE' and p.current_stage in (").append(list(targets.pipelineStages())).append(")");
        } else if ("reserve".equals(f.phase())) {
            sql.append(" and p.status <> 'REJECTED' and p.current_stage in (").append(list(targets.inReserveStages())).append(")");
        }
        if (f.entered() != null || f.left() != null) {
            String column = f.entered() != null ? "entered_at" : "left_at";
            sql.append(" and exists (select 1 from reserve.stage_visit x where x.project_id = p.id and x.stage = :moved")
                    .append(" and x.").append(column).append(" is not null")
                    .append(" and (cast(:from as timestamptz) is null or x.").append(column).append(" >= :from)")
                    .append(" and (cast(:to as timestamptz) is null or x.").append(column).append(" < :to))");
        } else {
            sql.append(" and (cast(:from as timestamptz) is null or p.created_at >= :from)")
                    .append(" and (cast(:to as timestamptz) is null or p.created_at < :to)");
        }
        if (f.overdue()) {
            sql.append(" and (").append(overdueSql()).append(")");
        }
        if (f.rectification()) {
            sql.append(" and p.status = 'ACTIVE' and ov.rectification");
        }
        if (f.pending()) {
            sql.append(" and coalesce(d.pending, 0) + coalesce(c.pending, 0) > 0");
        }
        if (f.redLine() != null) {
            sql.append(" and p.id in (:overlapping)");
        }
        if ("supervised".equals(f.inspection())) {
            sql.append(" and ").append(supervisedSql());
        } else if ("overdue".equals(f.inspection())) {
            sql.append(" and ").append(inspectionOverdueSql());
        }
        if ("open".equals(f.inspectionRectification())) {
            sql.append(" and ").append(RECTIFICATION_OPEN);
        } else if ("overdue".equals(f.inspectionRectification())) {
            sql.append(" and ").append(RECTIFICATION_OVERDUE);
        }
        return sql.toString();
    }

    /** A project with a rectification opened by an inspection finding and not done. */
    private static final String RECTIFICATION_OPEN = """
            exists (select 1 from reserve.rectification r where r.project_id = p.id and r.status in ('OPEN', 'OVERDUE'))""";
    /** ... and past its deadline (marked overdue by its timer, or the timer not run yet). */
    private static final String RECTIFICATION_OVERDUE = """
            exists (select 1 from reserve.rectification r where r.project_id = p.id and r.status in ('OPEN', 'OVERDUE')
                    and (r.status = 'OVERDUE' or r.deadline < cast(:now as timestamptz)))""";

    /**
     * Stored land whose inspection cycle passed without an inspection: active, in a supervised stage, and the last
     * inspection (or, before the first, the entry into supervision) longer ago than the cycle — as
     * {@link InspectionCycle#due()} decides it.
     */
    private String inspectionOverdueSql() {
        String stages = list(List.copyOf(new java.util.TreeSet<>(InspectionCycle.supervisedStages())));
        return "(" + supervisedSql() + " and extract(epoch from (cast(:now as timestamptz) - "
                + "coalesce((select max(i.inspected_at) from reserve.inspection i where i.project_id = p.id), "
                + "(select min(v.entered_at) from reserve.stage_visit v where v.project_id = p.id and v.stage in (" + stages
                + "))))) > " + inspections.cycle().toSeconds() + ")";
    }

    /** Stored land under supervision: an active project in a supervised stage. */
    private static String supervisedSql() {
        return "p.status = 'ACTIVE' and p.current_stage in ("
                + list(List.copyOf(new java.util.TreeSet<>(InspectionCycle.supervisedStages()))) + ")";
    }

    /** Supervision of stored land now: projects supervised, inspections overdue, inspection rectifications open and overdue. */
    public record Supervision(long supervised, long inspectionsOverdue, long rectificationsOpen, long rectificationsOverdue) {}

    public Supervision supervision() {
        return jdbc.sql("select count(*) filter (where " + supervisedSql() + "), "
                        + "count(*) filter (where " + inspectionOverdueSql() + "), "
                        + "count(*) filter (where " + RECTIFICATION_OPEN + "), "
                        + "count(*) filter (where " + RECTIFICATION_OVERDUE + ") from reserve.project p")
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> new Supervision(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).single();
    }

    /** Projects with parcels and those overlapping the ecological red line beyond the review threshold. */
    public RedLineExposure.Exposure redLine() {
        return redLine.now();
    }

    /** An active project longer in its open visit than that stage's target (a rectification: its own deadline). */
    private String overdueSql() {
        return "p.status = 'ACTIVE' and ov.entered_at is not null and extract(epoch from (cast(:now as timestamptz) - ov.entered_at)) > "
                + targetSecondsSql("ov.stage", "ov.rectification");
    }

    /** The target of a stage in seconds as SQL (null for a stage without one). */
    String targetSecondsSql(String stageColumn, String rectificationColumn) {
        StringBuilder sql = new StringBuilder("(case");
        if (rectificationColumn != null) {
            sql.append(" when ").append(rectificationColumn).append(" then ").append(targets.rectification().toSeconds());
        }
        for (Map.Entry<String, Duration> t : new LinkedHashMap<>(targets.all()).entrySet()) {
            sql.append(" when ").append(stageColumn).append(" = '").append(code(t.getKey())).append("' then ")
                    .append(t.getValue().toSeconds());
        }
        return sql.append(" end)").toString();
    }

    private JdbcClient.StatementSpec params(JdbcClient.StatementSpec spec, RegisterFilter f, Instant now) {
        if (f.redLine() != null) {
            RedLineExposure.Exposure exposure = redLine.now();
            List<String> overlapping = "parcels".equals(f.redLine()) ? exposure.withParcels() : exposure.overlapping();
            // no project has the empty id: an empty list selects nothing
            spec = spec.param("overlapping", overlapping.isEmpty() ? List.of("") : overlapping);
        }
        return spec.param("district", f.district()).param("stage", f.stage()).param("status", f.status())
                .param("moved", f.entered() != null ? f.entered() : f.left())
                .param("from", ts(f.fromInstant())).param("to", ts(f.toInstantExclusive()))
                .param("now", Timestamp.from(now));
    }

    private RegisterRow row(ResultSet rs, int n) throws SQLException {
        Map<String, LocalDate> stageDates = new LinkedHashMap<>();
        for (String s : stages()) {
            stageDates.put(s, day(rs.getTimestamp("d_" + s)));
        }
        String[] acquisitions = strings(rs.getArray("acquisition"));
        String acquisition = acquisitions.length > 1 ? "MIXED" : acquisitions.length == 1 ? acquisitions[0] : null;
        LedgerEvidence.Status evidence = ledgerEvidence.status(new LedgerEvidence.Recorded(rs.getString("id"),
                List.of(strings(rs.getArray("items"))), List.of(strings(rs.getArray("claimed"))),
                instant(rs.getTimestamp("sealed_at"))));
        return new RegisterRow(rs.getString("id"), rs.getString("code"), rs.getString("name"), rs.getString("district"),
                rs.getBigDecimal("area_square_meters"), rs.getBoolean("former_industrial"), acquisition,
                rs.getString("current_stage"), rs.getString("status"), day(rs.getTimestamp("created_at")),
                day(rs.getTimestamp("entry_at")), stageDates, instant(rs.getTimestamp("in_stage_since")),
                rs.getBoolean("overdue"), evidence);
    }

    // ---- the cockpit's aggregates ----

    public record DistrictFigure(String district, long reserveCount, BigDecimal reserveArea, long pipelineCount,
            BigDecimal pipelineArea) {}

    public List<DistrictFigure> byDistrict() {
        String reserve = "p.current_stage in (" + list(targets.inReserveStages()) + ")";
        String pipeline = "p.status = 'ACTIVE' and p.current_stage in (" + list(targets.pipelineStages()) + ")";
        return jdbc.sql("""
                select p.district,
                       count(*) filter (where %1$s), coalesce(sum(p.area_square_meters) filter (where %1$s), 0),
                       count(*) filter (where %2$s), coalesce(sum(p.area_square_meters) filter (where %2$s), 0)
                from reserve.project p where p.status <> 'REJECTED'
                group by p.district order by sum(p.area_square_meters) desc, p.district""".formatted(reserve, pipeline))
                .query((rs, n) -> new DistrictFigure(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3), rs.getLong(4),
                        rs.getBigDecimal(5)))
                .list();
    }

    public record StageFigure(String stage, String status, long count, BigDecimal area) {}

    /** Projects by their current stage (rejected ones apart), in lifecycle order. */
    public List<StageFigure> byStage() {
        List<StageFigure> figures = jdbc.sql("""
                select current_stage, status, count(*), sum(area_square_meters) from reserve.project
                where status <> 'REJECTED' group by current_stage, status""")
                .query((rs, n) -> new StageFigure(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBigDecimal(4)))
                .list();
        List<String> order = stages();
        return figures.stream().sorted(java.util.Comparator.comparingInt(f -> order.indexOf(f.stage()))).toList();
    }

    public record StatusCount(String status, long count, BigDecimal area) {}

    public List<StatusCount> byStatus() {
        return jdbc.sql("select status, count(*), coalesce(sum(area_square_meters), 0) from reserve.project group by status order by status")
                .query((rs, n) -> new StatusCount(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3))).list();
    }

    /** How many projects entered ("entered_at") or left ("left_at") each stage, per month (yyyy-MM in China) since a day. */
    public record Movement(String stage, String month, long projects) {}

    public List<Movement> movements(String column, LocalDate since) {
        if (!column.equals("entered_at") && !column.equals("left_at")) {
            throw new IllegalArgumentException(column);
        }
        return jdbc.sql("""
                select stage, to_char(%1$s at time zone 'Asia/Shanghai', 'YYYY-MM'), count(distinct project_id)
                from reserve.stage_visit where %1$s >= :since group by 1, 2""".formatted(column))
                .param("since", Timestamp.from(since.atStartOfDay(RegisterFilter.CHINA).toInstant()))
                .query((rs, n) -> new Movement(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
    }

    /** Completed visits of a stage: how many, median and 90th percentile in days, how many took longer than the target. */
    public record CycleTime(String stage, long completed, Double medianDays, Double p90Days, long late) {}

    public List<CycleTime> cycleTimes() {
        return jdbc.sql("""
                select stage, count(*),
                       percentile_cont(0.5) within group (order by extract(epoch from left_at - entered_at)) / 86400,
                       percentile_cont(0.9) within group (order by extract(epoch from left_at - entered_at)) / 86400,
                       count(*) filter (where extract(epoch from left_at - entered_at) > %s)
                from reserve.stage_visit where left_at is not null group by stage""".formatted(targetSecondsSql("stage", null)))
                .query((rs, n) -> new CycleTime(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getLong(5)))
                .list();
    }

    /** Active projects now in each stage, how many of them past the target, and the rectifications among them. */
    public record OpenStage(String stage, long open, long overdue, long rectifying, long rectifyingOverdue) {}

    public List<OpenStage> openStages() {
        String over = "extract(epoch from (cast(:now as timestamptz) - ov.entered_at)) > " + targetSecondsSql("ov.stage", "ov.rectification");
        return jdbc.sql("""
                select ov.stage, count(*), count(*) filter (where %1$s),
                       count(*) filter (where ov.rectification), count(*) filter (where ov.rectification and %1$s)
                from (%2$s) ov join reserve.project p on p.id = ov.project_id
                where p.status = 'ACTIVE' group by ov.stage""".formatted(over, OPEN_VISITS))
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> new OpenStage(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
                .list();
    }

    /** Evidence recorded but not yet anchored: documents, decisions, and the projects they belong to. */
    public record Backlog(long documents, long decisions, long projects) {}

    public Backlog backlog() {
        return jdbc.sql("""
                select (select count(*) from reserve.document where anchor_state = 'PENDING'),
                       (select count(*) from reserve.decision where anchor_state = 'PENDING'),
                       (select count(*) from (select project_id from reserve.document where anchor_state = 'PENDING'
                                              union select project_id from reserve.decision where anchor_state = 'PENDING') x)""")
                .query((rs, n) -> new Backlog(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }

    /** Public verifications by digest per day (China's calendar) since a day, from the access log. */
    public record DayCount(String day, long count) {}

    public List<DayCount> publicVerifications(LocalDate since) {
        return jdbc.sql("""
                select to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM-DD'), count(*) from reserve.access_log
                where at >= :since and action = 'PUBLIC_QUERY' and target like '/api/public/verify%'
                group by 1 order by 1""")
                .param("since", Timestamp.from(since.atStartOfDay(RegisterFilter.CHINA).toInstant()))
                .query((rs, n) -> new DayCount(rs.getString(1), rs.getLong(2))).list();
    }

    // ---- helpers ----

    private static String code(String stage) {
        if (!CODE.matcher(stage).matches()) {
            throw new IllegalStateException("stage code " + stage + " is not [A-Z_]+");
        }
        return stage;
    }

    private static String list(List<String> stages) {
        List<String> quoted = new ArrayList<>();
        stages.forEach(s -> quoted.add("'" + code(s) + "'"));
        return String.join(", ", quoted);
    }

    private static String[] strings(java.sql.Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static LocalDate day(Timestamp t) {
        return t == null ? null : t.toInstant().atZone(RegisterFilter.CHINA).toLocalDate();
    }
}
