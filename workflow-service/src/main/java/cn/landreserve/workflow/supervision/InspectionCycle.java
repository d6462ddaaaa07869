package cn.landreserve.workflow.supervision;

import cn.landreserve.workflow.infra.ReserveProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Service;

/**
 * The inspection cycle of stored land ({@code reserve.supervision.inspection-cycle}, monthly by default): which
 * projects are due, and an escalation, once per missed cycle, when one passes without an inspection.
 */
@Service
public class InspectionCycle implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(InspectionCycle.class);

    private final InspectionRepository inspections;
    private final Clock clock;
    private final Duration cycle;
    private final Duration interval;

    InspectionCycle(InspectionRepository inspections, Clock clock,
            ReserveProperties settings) {
        this.interval = settings.supervision().cycleCheckInterval();
        this.inspections = inspections;
        this.clock = clock;
        this.cycle = settings.supervision().inspectionCycle();
    }

    /** How often stored land is to be inspected. */
    public Duration cycle() {
        return cycle;
    }

    /** The stages in which a project's land is supervised (inspected on the cycle). */
    public static java.util.Set<String> supervisedStages() {
        return InspectionService.SUPERVISED_STAGES;
    }

    /** A project in the reserve and its inspection cycle. */
    public record Due(String projectId, String code, String name, String district, String stage,
            Instant lastInspection, Instant dueBy, boolean overdue, List<Map<String, Object>> escalations,
            List<Map<String, Object>> rectifications) {}

    public List<Due> due() {
        Instant now = clock.instant();
        List<Due> out = new ArrayList<>();
        for (InspectionRepository.Supervised s : inspections.supervised(InspectionService.SUPERVISED_STAGES)) {
            Instant dueBy = s.cycleStart() == null ? now : s.cycleStart().plus(cycle);
            out.add(new Due(s.projectId(), s.code(), s.name(), s.district(), s.stage(), s.lastInspection(), dueBy,
                    dueBy.isBefore(now), inspections.escalationsOf(s.projectId()),
                    inspections.rectificationsOf(s.projectId())));
        }
        return out;
    }

    /** Runs every {@code interval} (a setting), first after one interval. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::escalateMissed, interval, interval));
    }

    /** Escalates every project whose cycle passed without an inspection; returns how many were escalated now. */
    public int escalateMissed() {
        return escalateMissed(clock.instant());
    }

    /** As {@link #escalateMissed()}, as of {@code now}. */
    public int escalateMissed(Instant now) {
        int escalated = 0;
        for (InspectionRepository.Supervised s : inspections.supervised(InspectionService.SUPERVISED_STAGES)) {
            if (s.cycleStart() != null && s.cycleStart().plus(cycle).isBefore(now)
                    && inspections.escalate(s.projectId(), s.cycleStart(), now)) {
                log.warn("Project {} ({}) missed its inspection cycle of {} since {}: escalated", s.code(),
                        s.projectId(), cycle, s.cycleStart());
                escalated++;
            }
        }
        return escalated;
    }
}
