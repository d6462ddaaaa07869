package cn.landreserve.workflow.demo;

import cn.landreserve.workflow.lifecycle.StageTargets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gives a sample project a past: its stage visits (reserve.stage_visit, the index the cockpit and register read)
 * are moved back so that each stage took between a third and one and a half times its target, and the current
 * one has lasted a while — a review never past its deadline, since review tasks carry the real due date. Only the
 * demo does this; documents, decisions and their anchoring keep the real time they were made.
 */
@Component
class DemoHistory {

    /** How long a stage with no target (the archive) has lasted so far, in days. */
    private static final long NO_TARGET_DAYS = 20;

    private final JdbcClient jdbc;
    private final StageTargets targets;
    private final Clock clock;

    DemoHistory(JdbcClient jdbc, StageTargets targets, Clock clock) {
        this.jdbc = jdbc;
        this.targets = targets;
        this.clock = clock;
    }

    record Visit(long id, String stage, boolean open) {}

    /** Spreads the visits of one project; {@code seed} makes each sample's durations different and repeatable. */
    void spread(String projectId, int seed) {
        List<Visit> visits = jdbc.sql("select id, stage, left_at is null from reserve.stage_visit where project_id = :p order by entered_at, id")
                .param("p", projectId).query((rs, n) -> new Visit(rs.getLong(1), rs.getString(2), rs.getBoolean(3))).list();
        List<Duration> durations = new ArrayList<>();
        for (int i = 0; i < visits.size(); i++) {
            Visit v = visits.get(i);
            Duration target = targets.of(v.stage()).orElse(Duration.ofDays(NO_TARGET_DAYS));
            // factor in [0.35, 1.45): deterministic per sample and visit
            double factor = 0.35 + ((seed * 7 + i * 3) % 11) / 10.0;
            if (v.open() && v.stage().equals("REVIEW")) {
                factor = Math.min(factor, 0.8);
            }
            durations.add(Duration.ofSeconds((long) (target.toSeconds() * factor)));
        }
        Instant now = clock.instant();
        Instant at = now.minus(durations.stream().reduce(Duration.ZERO, Duration::plus));
        for (int i = 0; i < visits.size(); i++) {
            Visit v = visits.get(i);
            Instant left = at.plus(durations.get(i));
            jdbc.sql("update reserve.stage_visit set entered_at = :e, left_at = :l where id = :id")
                    .param("e", Timestamp.from(at)).param("l", v.open() ? null : Timestamp.from(left)).param("id", v.id())
                    .update();
            at = left;
        }
    }
}
