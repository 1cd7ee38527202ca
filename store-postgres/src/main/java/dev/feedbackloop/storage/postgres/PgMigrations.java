package dev.feedbackloop.storage.postgres;

import dev.feedbackloop.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Versioned schema migrations of their own for PostgreSQL (Flyway, {@code db/postgresql}), one per
 * feature, numbered as the SQLite ones so that a feature's two migrations carry the same version.
 * Safe when several instances start together: Flyway holds a PostgreSQL advisory lock while it
 * migrates, so one migrates and the others wait, then find the schema current. A current schema is
 * recognised with one query, without starting Flyway.
 */
final class PgMigrations {
    static final int LATEST = 8;

    private PgMigrations() {
    }

    static void migrate(PgConnections connections) {
        try {
            if (version(connections) >= LATEST) {
                return;
            }
            Flyway.configure(PgMigrations.class.getClassLoader())
                    .dataSource(connections.dataSource())
                    .locations("classpath:db/postgresql")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StorageException("schema migration of " + connections.location()
                    + " failed (the database was left as it was): " + e.getMessage(), e);
        } catch (SQLException e) {
            throw connections.failure("schema migration of " + connections.location(), e);
        }
    }

    /** The schema version recorded by Flyway; 0 for a database without our tables. */
    static int version(PgConnections connections) throws SQLException {
        try (Connection c = connections.borrow()) {
            return version(c);
        }
    }

    static int version(Connection c) throws SQLException {
        if (PgRows.number(c, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
                + " AND tablename = 'flyway_schema_history'") == 0) {
            return 0;
        }
        return (int) PgRows.number(c, "SELECT coalesce(max(version::integer), 0) FROM flyway_schema_history"
                + " WHERE success AND version ~ '^[0-9]+$'");
    }
}
