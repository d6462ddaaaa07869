package cn.landreserve.workflow.cockpit;

import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.workflow.cockpit.Cockpit.Cycle;
import cn.landreserve.workflow.cockpit.Cockpit.Day;
import cn.landreserve.workflow.cockpit.Cockpit.District;
import cn.landreserve.workflow.cockpit.Cockpit.Figure;
import cn.landreserve.workflow.cockpit.Cockpit.Flow;
import cn.landreserve.workflow.cockpit.Cockpit.StageFlow;
import cn.landreserve.workflow.cockpit.Cockpit.StageLoad;
import cn.landreserve.workflow.engine.WorkflowEngine;
import cn.landreserve.workflow.lifecycle.LifecycleCatalogue;
import cn.landreserve.workflow.lifecycle.StageTargets;
import cn.landreserve.workflow.register.LedgerEvidence;
import cn.landreserve.workflow.register.RedLineExposure;
import cn.landreserve.workflow.register.RegisterFilter;
import cn.landreserve.workflow.register.ReserveQueries;
import cn.landreserve.workflow.register.ReserveQueries.Movement;
import cn.landreserve.workflow.register.ReserveQueries.OpenStage;
import cn.landreserve.workflow.supervision.InspectionCycle;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** Computes the cockpit from the query layer, the process engine (overdue review tasks, jobs) and the ledger's health. */
@Service
class CockpitFigures {

    static final int MONTHS = 12;
    static final int DAYS = 30;

    private final ReserveQueries queries;
    private final StageTargets targets;
    private final LifecycleCatalogue catalogue;
    private final WorkflowEngine engine;
    private final EvidenceLedger ledger;
    private final InspectionCycle inspections;
    private final Clock clock;

    CockpitFigures(ReserveQueries queries, StageTargets targets, LifecycleCatalogue catalogue, WorkflowEngine engine,
            EvidenceLedger ledger, InspectionCycle inspections, Clock clock) {
        this.inspections = inspections;
        this.queries = queries;
        this.targets = targets;
        this.catalogue = catalogue;
        this.engine = engine;
        this.ledger = ledger;
        this.clock = clock;
    }

    Cockpit compute() {
        Instant now = clock.instant();
        LocalDate today = now.atZone(RegisterFilter.CHINA).toLocalDate();
        RegisterFilter all = RegisterFilter.ALL;

        Map<String, ReserveQueries.StatusCount> status = queries.byStatus().stream()
                .collect(Collectors.toMap(ReserveQueries.StatusCount::status, Function.identity()));
        List<District> districts = new ArrayList<>();
        long reserveCount = 0;
        BigDecimal reserveArea = BigDecimal.ZERO;
        long pipelineCount = 0;
        BigDecimal pipelineArea = BigDecimal.ZERO;
        for (ReserveQueries.DistrictFigure d : queries.byDistrict()) {
            RegisterFilter of = all.withDistrict(d.district());
            districts.add(new District(d.district(),
                    new Figure(d.reserveCount(), d.reserveArea(), of.withPhase("reserve").toQuery()),
                    new Figure(d.pipelineCount(), d.pipelineArea(), of.withPhase("pipeline").toQuery())));
            reserveCount += d.reserveCount();
            reserveArea = reserveArea.add(d.reserveArea());
            pipelineCount += d.pipelineCount();
            pipelineArea = pipelineArea.add(d.pipelineArea());
        }
        long allCount = status.values().stream().mapToLong(ReserveQueries.StatusCount::count).sum();
        BigDecimal allArea = status.values().stream().map(ReserveQueries.StatusCount::area).reduce(BigDecimal.ZERO, BigDecimal::add);
        Cockpit.Totals totals = new Cockpit.Totals(
                new Figure(allCount, allArea, all.toQuery()),
                new Figure(reserveCount, reserveArea, all.withPhase("reserve").toQuery()),
                new Figure(pipelineCount, pipelineArea, all.withPhase("pipeline").toQuery()),
                statusFigure(status, "ARCHIVED"), statusFigure(status, "REJECTED"));

        List<StageLoad> byStage = queries.byStage().stream()
                .map(s -> new StageLoad(s.stage(), new Figure(s.count(), s.area(), all.withStage(s.stage(), s.status()).toQuery())))
                .toList();

        Map<String, OpenStage> open = queries.openStages().stream().collect(Collectors.toMap(OpenStage::stage, Function.identity()));
        Map<String, ReserveQueries.CycleTime> cycles = queries.cycleTimes().stream()
                .collect(Collectors.toMap(ReserveQueries.CycleTime::stage, Function.identity()));
        List<Cycle> cycleTimes = new ArrayList<>();
        for (String stage : targets.stages()) {
            if (stage.equals("ARCHIVE")) {
                continue;
            }
            ReserveQueries.CycleTime c = cycles.get(stage);
            OpenStage o = open.get(stage);
            RegisterFilter inStage = all.withStage(stage, "ACTIVE");
            cycleTimes.add(new Cycle(stage, targets.of(stage).map(d -> d.toSeconds() / 86400.0).orElse(null),
                    c == null ? 0 : c.completed(), c == null ? null : c.medianDays(), c == null ? null : c.p90Days(),
                    c == null ? 0 : c.late(),
                    new Figure(o == null ? 0 : o.open(), null, inStage.toQuery()),
                    new Figure(o == null ? 0 : o.overdue(), null, inStage.withFlags(true, false, false).toQuery())));
        }

        OpenStage review = open.get("REVIEW");
        OpenStage site = open.get("SITE_PREPARATION");
        List<String> reviewElements = catalogue.tasks().stream().filter(t -> t.reviewDeadline()).map(t -> t.element()).toList();
        ReserveQueries.Supervision supervision = queries.supervision();
        Cockpit.Overdue overdue = new Cockpit.Overdue(
                engine.countOverdue(reviewElements, now),
                new Figure(review == null ? 0 : review.overdue(), null,
                        all.withStage("REVIEW", "ACTIVE").withFlags(true, false, false).toQuery()),
                new Figure(site == null ? 0 : site.rectifying(), null, all.withFlags(false, true, false).toQuery()),
                new Figure(site == null ? 0 : site.rectifyingOverdue(), null, all.withFlags(true, true, false).toQuery()),
                new Figure(supervision.rectificationsOpen(), null, all.withSupervision(null, null, "open").toQuery()),
                new Figure(supervision.rectificationsOverdue(), null, all.withSupervision(null, null, "overdue").toQuery()));
        Cockpit.Supervision supervised = new Cockpit.Supervision(
                new Figure(supervision.supervised(), null, all.withSupervision(null, "supervised", null).toQuery()),
                new Figure(supervision.inspectionsOverdue(), null, all.withSupervision(null, "overdue", null).toQuery()),
                inspections.cycle().toSeconds() / 86400.0);
        RedLineExposure.Exposure exposure = queries.redLine();
        Cockpit.RedLine redLine = new Cockpit.RedLine(exposure.redLineVersion(),
                new Figure(exposure.withParcels().size(), null, all.withSupervision("parcels", null, null).toQuery()),
                new Figure(exposure.available() ? exposure.overlapping().size() : 0, null,
                        all.withSupervision("overlap", null, null).toQuery()),
                exposure.overlapSquareMeters(), exposure.available());

        ReserveQueries.Backlog backlog = queries.backlog();
        List<Cockpit.EvidenceState> onLedger = new ArrayList<>();
        queries.evidenceStates().forEach((state, count) -> onLedger.add(new Cockpit.EvidenceState(state.name(),
                new Figure(count, null, all.withEvidence(state).toQuery()))));
        Cockpit.Evidence evidence = new Cockpit.Evidence(backlog.documents(), backlog.decisions(),
                new Figure(backlog.projects(), null, all.withFlags(false, false, true).toQuery()),
                engine.pendingJobs(), engine.incidents().size(), ledger.health(), onLedger,
                onLedger.stream().filter(s -> s.state().equals(LedgerEvidence.State.MISMATCH.name())).findFirst()
                        .orElseThrow().projects());

        return new Cockpit(now, totals, districts, byStage, flow(today), cycleTimes, overdue, supervised, redLine, evidence,
                days(today));
    }

    private static Figure statusFigure(Map<String, ReserveQueries.StatusCount> status, String code) {
        ReserveQueries.StatusCount s = status.get(code);
        return new Figure(s == null ? 0 : s.count(), s == null ? BigDecimal.ZERO : s.area(),
                RegisterFilter.ALL.withStage(null, code).toQuery());
    }

    /** The last twelve months (this one included): projects entering and leaving each stage. */
    private Flow flow(LocalDate today) {
        YearMonth first = YearMonth.from(today).minusMonths(MONTHS - 1L);
        List<String> months = new ArrayList<>();
        for (int i = 0; i < MONTHS; i++) {
            months.add(first.plusMonths(i).toString());
        }
        Map<String, Long> entered = index(queries.movements("entered_at", first.atDay(1)));
        Map<String, Long> left = index(queries.movements("left_at", first.atDay(1)));
        List<StageFlow> stages = new ArrayList<>();
        for (String stage : targets.stages()) {
            List<Figure> in = new ArrayList<>();
            List<Figure> out = new ArrayList<>();
            for (int i = 0; i < MONTHS; i++) {
                YearMonth m = first.plusMonths(i);
                in.add(new Figure(entered.getOrDefault(stage + "|" + m, 0L), null,
                        RegisterFilter.ALL.withMovement(stage, null, m.atDay(1), m.atEndOfMonth()).toQuery()));
                out.add(new Figure(left.getOrDefault(stage + "|" + m, 0L), null,
                        RegisterFilter.ALL.withMovement(null, stage, m.atDay(1), m.atEndOfMonth()).toQuery()));
            }
            stages.add(new StageFlow(stage, in, out));
        }
        return new Flow(months, stages);
    }

    private static Map<String, Long> index(List<Movement> movements) {
        Map<String, Long> m = new HashMap<>();
        movements.forEach(x -> m.put(x.stage() + "|" + x.month(), x.projects()));
        return m;
    }

    /** Public verifications per day over the last thirty days, days without any included as 0. */
    private List<Day> days(LocalDate today) {
        LocalDate first = today.minusDays(DAYS - 1L);
        Map<String, Long> counts = new HashMap<>();
        queries.publicVerifications(first).forEach(d -> counts.put(d.day(), d.count()));
        List<Day> days = new ArrayList<>();
        for (int i = 0; i < DAYS; i++) {
            String day = first.plusDays(i).toString();
            days.add(new Day(day, counts.getOrDefault(day, 0L)));
        }
        return days;
    }
}
