package cn.landreserve.workflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The first administrators of the test service: their one-time passwords read from the data directory, changed once
 * (first sign-in) to a password of this class, shared by every test of the JVM.
 */
public final class Administrators {

    public static final List<String> NAMES = List.of("sysadmin", "secadmin", "auditadmin");
    private static final Map<String, String> CHANGED = new ConcurrentHashMap<>();

    private Administrators() {}

    /** The one-time password the service wrote for this administrator. */
    public static String oneTimePassword(Path dataDir, String username) {
        try {
            return Files.readAllLines(dataDir.resolve("admin-initial-passwords.txt")).stream()
                    .filter(l -> l.startsWith(username + "\t")).map(l -> l.split("\t")[2]).findFirst()
                    .orElseThrow(() -> new AssertionError("no one-time password for " + username));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String password(String username) {
        return "Tr0ub4dor&3-" + username.substring(0, 3).toUpperCase(java.util.Locale.ROOT);
    }

    /** Signed in as this administrator, after their first-login password change if no test did it yet. */
    public static synchronized ApiClient as(int port, Path dataDir, String username) {
        if (!CHANGED.containsKey(username)) {
            ApiClient first = ApiClient.as(port, username, oneTimePassword(dataDir, username));
            ApiClient.Response r = first.postJson("/api/account/password",
                    Map.of("currentPassword", oneTimePassword(dataDir, username), "newPassword", password(username)));
            if (r.status() != 204) {
                throw new AssertionError("first-login change for " + username + ": " + r.status() + " " + r.text());
            }
            CHANGED.put(username, password(username));
        }
        return ApiClient.as(port, username, CHANGED.get(username));
    }

    /** Whether a test already changed this administrator's one-time password. */
    public static boolean changed(String username) {
        return CHANGED.containsKey(username);
    }

    public static void markChanged(String username) {
        CHANGED.put(username, password(username));
    }
}
