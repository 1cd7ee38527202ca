import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.analysis.AnalysisOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * Where a fresh JVM spends an unchanged analysis on PostgreSQL (bench/postgres/startup.sh runs it):
 *
 *   connect-plain JDBC_URL USER PASSWORD   the driver's first connection and a SELECT 1
 *   connect-pool  JDBC_URL USER PASSWORD   the same through HikariCP, and its close
 *   analysis-one-shot URL / analysis-pool URL   open the store as the command line does (without a pool)
 *                                          or as the service does (HikariCP), read the data version and
 *                                          the cached analysis of the last 30 days, close
 *
 * Prints the phases on stderr in milliseconds.
 */
public class Startup {
    public static void main(String[] a) throws Exception {
        long vmToMain = System.currentTimeMillis()
                - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        long t0 = System.nanoTime();
        switch (a[0]) {
            case "connect-plain", "connect-pool" -> {
                boolean pool = a[0].equals("connect-pool");
                AutoCloseable owner = null;
                Connection c;
                if (pool) {
                    com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
                    config.setJdbcUrl(a[1]);
                    config.setUsername(a[2]);
                    config.setPassword(a[3]);
                    config.setMinimumIdle(1);
                    config.setInitializationFailTimeout(1);
                    com.zaxxer.hikari.HikariDataSource ds = new com.zaxxer.hikari.HikariDataSource(config);
                    owner = ds;
                    c = ds.getConnection();
                } else {
                    c = DriverManager.getConnection(a[1], a[2], a[3]);
                }
                long t1 = System.nanoTime();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
                    rs.next();
                }
                c.close();
                if (owner != null) {
                    owner.close();
                }
                long t2 = System.nanoTime();
                System.err.printf("%s: vm-to-main %d, connect %.1f, query and close %.1f%n", a[0], vmToMain,
                        ms(t0, t1), ms(t1, t2));
            }
            case "analysis-one-shot", "analysis-pool" -> {
                FeedbackLoop loop = FeedbackLoop.builder(a[1]).oneShot(a[0].equals("analysis-one-shot")).open();
                long t1 = System.nanoTime();
                loop.database().dataVersion();
                long t2 = System.nanoTime();
                int chars = loop.analyzer().analyzeJson(new AnalysisOptions(30, 5, 30, 6000, List.of())).length();
                long t3 = System.nanoTime();
                loop.close();
                long t4 = System.nanoTime();
                System.err.printf("%s: vm-to-main %d, open %.1f, data version %.1f, cached analysis %.1f (%d chars),"
                        + " close %.1f%n", a[0], vmToMain, ms(t0, t1), ms(t1, t2), ms(t2, t3), chars, ms(t3, t4));
            }
            default -> throw new IllegalArgumentException("unknown mode " + a[0]);
        }
    }

    private static double ms(long from, long to) {
        return (to - from) / 1e6;
    }
}
