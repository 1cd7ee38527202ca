package dev.feedbackloop.storage.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one PostgreSQL server of a test run, started on first use and stopped when the JVM ends;
 * each test asks for a database of its own ({@link #newDatabase()}).
 */
public final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer server;

    private TestPostgres() {
    }

    public static synchronized PostgresServer server() {
        if (server == null) {
            try {
                server = PostgresServer.startNew();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            PostgresServer s = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // the temporary folder stays behind
                }
            }));
        }
        return server;
    }

    /** A new, empty database; its URL (with user and password). */
    public static String newDatabase() {
        return server().createDatabase("t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet());
    }
}
