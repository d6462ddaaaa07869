package cn.landreserve.workflow.parcel;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Parcel boundaries by digest (table {@code reserve.parcel_geometry}); rows are never changed. */
@Repository
class ParcelRepository {

    private final JdbcClient jdbc;

    ParcelRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the canonical GeoJSON under its digest, unless it is there already. */
    void store(Boundaries parcels, BigDecimal area, Instant now) {
        jdbc.sql("""
                insert into reserve.parcel_geometry(sha256, crs, canonical, parcel_count, area_square_meters, created_at)
                values (:sha, :crs, :canonical, :count, :area, :at) on conflict (sha256) do nothing""")
                .param("sha", parcels.sha256()).param("crs", parcels.crs().name())
                .param("canonical", parcels.canonicalText()).param("count", parcels.features().size())
                .param("area", area).param("at", Timestamp.from(now))
                .update();
    }

    Optional<String> canonical(String sha256) {
        return jdbc.sql("select canonical from reserve.parcel_geometry where sha256 = :sha")
                .param("sha", sha256).query(String.class).optional();
    }
}
