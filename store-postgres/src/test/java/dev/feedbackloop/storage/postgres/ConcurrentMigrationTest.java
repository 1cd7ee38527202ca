package dev.feedbackloop.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.StoreLocations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Instances that start together on a new database: one migrates, the others wait and find it current. */
class ConcurrentMigrationTest {
    @Test
    void fourInstancesStartingTogetherMigrateOnce() throws Exception {
        String url = TestPostgres.newDatabase();
        int n = 4;
        CyclicBarrier together = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Long>> opened = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                opened.add(pool.submit((Callable<Long>) () -> {
                    together.await();
                    try (FeedbackStore store = StoreLocations.open(url)) {
                        return store.count();
                    }
                }));
            }
            for (Future<Long> f : opened) {
                assertThat(f.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        String db = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + TestPostgres.server().port()
                + "/" + db, PostgresServer.USER, PostgresServer.PASSWORD); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, success FROM flyway_schema_history ORDER BY installed_rank")) {
            List<String> applied = new ArrayList<>();
            while (rs.next()) {
                applied.add(rs.getString(1) + (rs.getBoolean(2) ? "" : " failed"));
            }
            assertThat(applied).containsExactly("1", "2", "3", "4", "8");
        }
    }
}
