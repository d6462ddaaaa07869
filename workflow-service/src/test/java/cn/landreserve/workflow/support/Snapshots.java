package cn.landreserve.workflow.support;

import cn.landreserve.documents.DocumentStore;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What "nothing changed" means for a refused request: every row of every table the service and its process engine
 * write (read from the database catalogue, so a table added tomorrow is in it), and the bucket as the S3 API shows
 * it: every key with the SHA-256 of its bytes, and every incomplete multipart upload.
 */
public final class Snapshots {

    /** Tables that change by design when a request is refused, with the reason. */
    public static final Map<String, String> CHANGE_BY_DESIGN = Map.of(
            "reserve.access_log", "records every verification, download and public query, refused ones included",
            "reserve.access_log_head", "the head of that log",
            "reserve.admin_log", "records every failed or refused sign-in (lockout counting), as the 等保 rules ask",
            "reserve.admin_log_head", "the head of that log");

    /**
     * Tables of which only some columns must not change: accounts count failed sign-ins (lockout) and note the last
     * sign-in on purpose; everything else about them is compared.
     */
    public static final Map<String, String> COMPARED_COLUMNS = Map.of(
            "reserve.app_user", "username, display_name, password_hash, role, department, enabled, created_at, "
                    + "password_changed_at, must_change_password");

    private final JdbcClient jdbc;
    private final DocumentStore store;

    public Snapshots(JdbcClient jdbc, DocumentStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    public String databaseAndBucket() throws Exception {
        return database() + bucket();
    }

    /** One line per table: row count and an MD5 over all rows' text, in a stable order. */
    public String database() {
        List<String> tables = jdbc.sql("select table_schema || '.' || table_name from information_schema.tables"
                + " where table_type = 'BASE TABLE' and table_schema in ('reserve', current_schema())"
                + " order by 1").query(String.class).list();
        StringBuilder s = new StringBuilder();
        for (String table : tables) {
            if (CHANGE_BY_DESIGN.containsKey(table)) {
                continue;
            }
            String rows = COMPARED_COLUMNS.containsKey(table)
                    ? "(select " + COMPARED_COLUMNS.get(table) + " from " + table + ")" : table;
            s.append(table).append(' ').append(jdbc.sql("select count(*) || ':' || coalesce(md5(string_agg(t::text, '|'"
                    + " order by t::text)), '') from " + rows + " t").query(String.class).single()).append('\n');
        }
        return s.toString();
    }

    /** Every object's key and SHA-256, and every multipart upload neither completed nor aborted. */
    public String bucket() throws Exception {
        StringBuilder s = new StringBuilder("bucket " + store.config().bucket() + "\n");
        for (String key : store.keys().stream().sorted().toList()) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (InputStream in = store.get(key)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha256.update(buffer, 0, n);
                }
            }
            s.append("object ").append(key).append(' ').append(HexFormat.of().formatHex(sha256.digest())).append('\n');
        }
        for (String upload : store.incompleteUploads().stream().sorted().toList()) {
            s.append("incomplete upload ").append(upload).append('\n');
        }
        return s.toString();
    }
}
