package cn.landreserve.workflow.database;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests outside this package stop a PostgreSQL left running by a killed service. */
public final class EmbeddedDatabaseAccess {

    private EmbeddedDatabaseAccess() {}

    public static void stopStale(Path dataDirectory) throws IOException {
        EmbeddedDatabase.stopStaleServer(dataDirectory);
    }
}
