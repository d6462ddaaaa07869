package cn.landreserve.workflow.register;

import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.parcel.RedLineOverlap;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which projects' current parcels overlap the current ecological red line beyond the review threshold (the overlap
 * that needs the ecology reviewer's written opinion), for the cockpit's figure and the register's
 * {@code redLine=overlap} filter — one computation for both, so the figure and its list agree. Overlaps are
 * computed by {@link RedLineOverlap} (JTS, in a Gauss-Krüger plane) and kept per project, parcels digest and
 * red-line version: a new boundary or a new red line is computed afresh, nothing else is.
 */
@Component
public class RedLineExposure {

    private static final Logger log = LoggerFactory.getLogger(RedLineExposure.class);

    private final JdbcClient jdbc;
    private final RedLineOverlap overlap;
    private final Cache<String, RedLineOverlap.Result> computed = Caffeine.newBuilder().maximumSize(50_000).build();

    RedLineExposure(JdbcClient jdbc, RedLineOverlap overlap) {
        this.jdbc = jdbc;
        this.overlap = overlap;
    }

    /**
     * @param redLineVersion the red line compared against, null when none is imported
     * @param withParcels projects (rejected ones apart) whose current facts name parcel boundaries
     * @param overlapping of those, the ones overlapping beyond the threshold
     * @param overlapSquareMeters their overlap in total
     * @param available false when the red line could not be read or checked against the ledger (then nothing is
     *     counted as overlapping or not)
     */
    public record Exposure(Integer redLineVersion, List<String> withParcels, List<String> overlapping,
            BigDecimal overlapSquareMeters, boolean available) {}

    Exposure now() {
        Integer version = jdbc.sql("select max(version) from reserve.red_line_version").query(Integer.class).optional()
                .orElse(null);
        List<String[]> projects = jdbc.sql("""
                select p.id, v.geometry_sha256 from reserve.project p
                join lateral (select geometry_sha256 from reserve.project_version pv where pv.project_id = p.id
                              order by pv.version desc limit 1) v on true
                where v.geometry_sha256 is not null and p.status <> 'REJECTED' order by p.id""")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        List<String> withParcels = projects.stream().map(p -> p[0]).toList();
        if (version == null) {
            return new Exposure(null, withParcels, List.of(), BigDecimal.ZERO.setScale(2), true);
        }
        List<String> overlapping = new ArrayList<>();
        BigDecimal area = BigDecimal.ZERO.setScale(2);
        for (String[] p : projects) {
            RedLineOverlap.Result result;
            try {
                result = result(p[0], p[1], version);
            } catch (DomainException e) {
                log.warn("Red-line overlaps not counted: {}", e.getMessage());
                return new Exposure(version, withParcels, List.of(), null, false);
            }
            if ("COMPUTED".equals(result.status()) && result.opinionRequired()) {
                overlapping.add(p[0]);
                area = area.add(result.overlapSquareMeters());
            }
        }
        return new Exposure(version, withParcels, List.copyOf(overlapping), area, true);
    }

    private RedLineOverlap.Result result(String projectId, String geometry, int redLineVersion) throws DomainException {
        String key = projectId + "|" + geometry + "|" + redLineVersion;
        RedLineOverlap.Result cached = computed.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        RedLineOverlap.Result fresh = overlap.compute(projectId);
        if (geometry.equals(fresh.geometrySha256()) && Integer.valueOf(redLineVersion).equals(fresh.redLineVersion())) {
            computed.put(key, fresh);
        }
        return fresh;
    }
}
