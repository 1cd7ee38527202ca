package dev.feedbackloop.storage.postgres;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Connections for a process that runs one command and ends (the command line): opened when first
 * needed, handed out again once given back, closed with the store. No pool housekeeping: HikariCP's
 * threads cost such a process about 30 ms (15-20 ms to start, 10-20 ms to stop, measured in a fresh JVM
 * with the launcher's options), and its validation and eviction pay off only over time. A connection
 * given back is rolled back if a transaction is open and set to auto-commit; one that may have broken
 * (its transaction was rolled back, or it threw: then asked with {@link Connection#isValid}, one round
 * trip) and did is dropped with every idle one (a server that restarted ended them all), and the next
 * borrow opens another. The driver settings are the pool's ({@link PgConnections#DRIVER_DEFAULTS}, the URL's
 * own winning). Thread-safe.
 */
final class PgOneShotConnections implements DataSource, AutoCloseable {
    private final PGSimpleDataSource driver = new PGSimpleDataSource();
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final List<Connection> opened = new ArrayList<>();
    private boolean closed;

    /** @throws SQLException when a default setting is not the driver's (a programming error) */
    PgOneShotConnections(PostgresLocation location) throws SQLException {
        driver.setURL(location.jdbcUrl());
        java.util.Properties named = org.postgresql.Driver.parseURL(location.jdbcUrl(), new java.util.Properties());
        for (Map.Entry<String, String> d : PgConnections.DRIVER_DEFAULTS.entrySet()) {
            if (named == null || !named.containsKey(d.getKey())) { // the URL's own settings win, as with the pool
                driver.setProperty(d.getKey(), d.getValue());
            }
        }
        driver.setUser(location.user());
        if (location.password() != null) {
            driver.setPassword(location.password());
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection physical;
        synchronized (this) {
            if (closed) {
                throw new SQLException("the store is closed");
            }
            physical = idle.poll();
        }
        if (physical == null) {
            physical = driver.getConnection();
            boolean keep;
            synchronized (this) {
                keep = !closed;
                if (keep) {
                    opened.add(physical);
                }
            }
            if (!keep) {
                closeQuietly(physical);
                throw new SQLException("the store is closed");
            }
        }
        return lend(physical);
    }

    /**
     * {@code physical} behind a connection whose {@code close} gives it back instead. A connection whose
     * transaction was rolled back, or that threw, is checked when given back (one round trip): the driver
     * does not mark a connection the server ended as closed until it next uses it.
     */
    private Connection lend(Connection physical) {
        java.util.concurrent.atomic.AtomicBoolean back = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean suspect = new java.util.concurrent.atomic.AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close":
                            if (back.compareAndSet(false, true)) {
                                giveBack(physical, suspect.get());
                            }
                            return null;
                        case "isClosed":
                            return back.get() || physical.isClosed();
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "toString":
                            return "connection " + System.identityHashCode(physical) + (back.get() ? " (given back)" : "");
                        case "rollback":
                            suspect.set(true);
                            break;
                        default:
                            break;
                    }
                    if (back.get()) {
                        throw new SQLException("connection already given back");
                    }
                    try {
                        return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                        suspect.set(true);
                        throw e.getCause();
                    }
                });
    }

    private void giveBack(Connection physical, boolean suspect) {
        try {
            if (!physical.isClosed() && !physical.getAutoCommit()) {
                physical.rollback();
                physical.setAutoCommit(true);
            }
            if (!physical.isClosed() && (!suspect || physical.isValid(2))) {
                synchronized (this) {
                    if (!closed) {
                        idle.push(physical);
                        return;
                    }
                }
            }
        } catch (SQLException e) {
            // broken: dropped below
        }
        // broken: so are, most likely, the idle ones (the server restarted, or ended the sessions)
        List<Connection> dropped = new ArrayList<>(List.of(physical));
        synchronized (this) {
            dropped.addAll(idle);
            idle.clear();
            opened.removeAll(dropped);
        }
        dropped.forEach(PgOneShotConnections::closeQuietly);
    }

    @Override
    public void close() {
        List<Connection> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(opened);
            opened.clear();
            idle.clear();
        }
        all.forEach(PgOneShotConnections::closeQuietly);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the server ends the session either way
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the user and password come from the location");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // no log
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // the location's connectTimeout
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no logger");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
