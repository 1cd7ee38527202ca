package dev.feedbackloop.storage.postgres;

import dev.feedbackloop.storage.StoreClockTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

class PostgresStoreClockTest extends StoreClockTest {
    @Override
    protected String location() {
        return TestPostgres.newDatabase();
    }

    @Override
    protected Connection connect(String location) throws SQLException {
        PostgresLocation l = PostgresLocation.parse(location, Map.of());
        return DriverManager.getConnection(l.jdbcUrl(), l.user(), l.password());
    }

    @Override
    protected Instant instant(ResultSet rs) throws SQLException {
        return rs.getObject(1, OffsetDateTime.class).toInstant();
    }
}
