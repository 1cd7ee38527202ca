package dev.feedbackloop.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.ErrorKind;
import dev.feedbackloop.FeedbackLoopException;
import dev.feedbackloop.StorageException;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.StoreLocations;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wrong password, a missing database, an unreachable host: one clear line each, kind STORAGE (exit 1, 503). */
class ConnectionErrorsTest {
    @TempDir
    Path dir;

    private static void assertOneLine(Throwable e, String text) {
        assertThat(e).isInstanceOf(StorageException.class);
        assertThat(((FeedbackLoopException) e).kind()).isEqualTo(ErrorKind.STORAGE);
        assertThat(e.getMessage()).contains(text).doesNotContain("\n").doesNotContain(PostgresServer.PASSWORD)
                .doesNotContain("Exception");
    }

    @Test
    void wrongPassword() {
        String url = TestPostgres.server().url("postgres").replace(PostgresServer.PASSWORD, "not-the-password");
        assertThatThrownBy(() -> StoreLocations.open(url))
                .satisfies(e -> assertOneLine(e, "wrong password for user postgres on PostgreSQL at 127.0.0.1:"));
    }

    @Test
    void missingDatabase() {
        String url = TestPostgres.server().url("no_such_db");
        assertThatThrownBy(() -> StoreLocations.open(url))
                .satisfies(e -> assertOneLine(e, "database no_such_db does not exist on PostgreSQL at 127.0.0.1:"));
    }

    @Test
    void unreachableHost() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "postgresql://postgres:x@127.0.0.1:" + port + "/feedback";
        assertThatThrownBy(() -> StoreLocations.open(url))
                .satisfies(e -> assertOneLine(e, "cannot reach PostgreSQL at 127.0.0.1:" + port));
    }

    @Test
    void noPasswordAnywhere() {
        String url = TestPostgres.server().url("postgres").replace(":" + PostgresServer.PASSWORD, "");
        assertThatThrownBy(() -> PostgresFeedbackStore.open(PostgresLocation.parse(url, Map.of())))
                .satisfies(e -> assertOneLine(e, "PGPASSWORD or ~/.pgpass"));
    }

    @Test
    void passwordFromPgpassword() {
        String url = TestPostgres.newDatabase().replace(":" + PostgresServer.PASSWORD, "");
        try (FeedbackStore store = PostgresFeedbackStore.open(PostgresLocation.parse(url,
                Map.of("PGPASSWORD", PostgresServer.PASSWORD)))) {
            assertThat(store.count()).isZero();
            assertThat(store.location()).doesNotContain(PostgresServer.PASSWORD);
        }
    }

    @Test
    void passwordFromPgpassFile() throws Exception {
        String url = TestPostgres.newDatabase().replace(":" + PostgresServer.PASSWORD, "");
        Path pgpass = dir.resolve("pgpass");
        Files.writeString(pgpass, "127.0.0.1:" + TestPostgres.server().port() + ":*:postgres:" + PostgresServer.PASSWORD + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        System.setProperty("org.postgresql.pgpassfile", pgpass.toString());
        try (FeedbackStore store = PostgresFeedbackStore.open(PostgresLocation.parse(url, Map.of()))) {
            assertThat(store.count()).isZero();
        } finally {
            System.clearProperty("org.postgresql.pgpassfile");
        }
    }

    @Test
    void urlsInEveryFormReadTheSame() {
        Map<String, String> env = Map.of();
        PostgresLocation a = PostgresLocation.parse("postgresql://ann:s%40cret@db.example:6543/fb?sslmode=require", env);
        assertThat(a.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/fb?sslmode=require");
        assertThat(a.user()).isEqualTo("ann");
        assertThat(a.password()).isEqualTo("s@cret");
        assertThat(a.display()).isEqualTo("postgresql://ann@db.example:6543/fb");
        PostgresLocation b = PostgresLocation.parse("jdbc:postgresql://db.example/fb?user=ann&password=pw", env);
        assertThat(b.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5432/fb");
        assertThat(b.user()).isEqualTo("ann");
        assertThat(b.password()).isEqualTo("pw");
        assertThat(PostgresLocation.parse("postgres://ann@h/fb", Map.of("PGPASSWORD", "env")).password()).isEqualTo("env");
        assertThat(StoreLocations.redact("postgresql://ann:secret@h/fb")).isEqualTo("postgresql://ann@h/fb");
    }
}
