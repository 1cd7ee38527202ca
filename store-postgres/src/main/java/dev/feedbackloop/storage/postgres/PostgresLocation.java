package dev.feedbackloop.storage.postgres;

import dev.feedbackloop.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A PostgreSQL location as the command line takes it ({@code postgresql://user:pw@host:5432/db?x=y},
 * {@code postgres://...} or {@code jdbc:postgresql://...}), split into what the JDBC driver needs.
 * The password comes from the URL, else {@code PGPASSWORD}, else (left to the driver) {@code ~/.pgpass}
 * or {@code PGPASSFILE}. The user defaults to {@code PGUSER}, else the operating system user.
 *
 * @param jdbcUrl  the driver's URL, without user or password
 * @param user     the role to connect as
 * @param password null to let the driver read ~/.pgpass
 * @param display  the location without its password, for messages
 */
public record PostgresLocation(String jdbcUrl, String user, String password, String host, int port, String database,
        String display) {

    @Override
    public String toString() {
        return display;
    }

    /** True for the URLs this store serves. */
    public static boolean accepts(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        return lower.startsWith("postgresql://") || lower.startsWith("postgres://") || lower.startsWith("jdbc:postgresql://");
    }

    /** @throws InvalidInputException when the URL cannot be read */
    public static PostgresLocation parse(String location, Map<String, String> env) {
        String url = location.regionMatches(true, 0, "jdbc:", 0, 5) ? location.substring(5) : location;
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("cannot read the PostgreSQL URL " + redacted(location) + ": " + e.getReason());
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new InvalidInputException("the PostgreSQL URL " + redacted(location)
                    + " names no host: write postgresql://user@host:5432/database");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String query = uri.getRawQuery();
        StringBuilder params = new StringBuilder();
        if (query != null) {
            for (String kv : query.split("&")) {
                String[] p = kv.split("=", 2);
                String key = decode(p[0]);
                String value = p.length > 1 ? decode(p[1]) : "";
                if (key.equals("user")) {
                    user = value;
                } else if (key.equals("password")) {
                    password = value;
                } else if (!key.isEmpty()) {
                    params.append(params.length() == 0 ? "?" : "&").append(kv);
                }
            }
        }
        if (user == null || user.isEmpty()) {
            user = env.getOrDefault("PGUSER", System.getProperty("user.name"));
        }
        String database = path.isEmpty() ? env.getOrDefault("PGDATABASE", user) : decode(path);
        if (password == null && env.get("PGPASSWORD") != null && !env.get("PGPASSWORD").isEmpty()) {
            password = env.get("PGPASSWORD");
        }
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        String jdbc = "jdbc:postgresql://" + hostPart + ":" + port + "/" + encodePath(database) + params;
        String display = "postgresql://" + user + "@" + hostPart + ":" + port + "/" + database;
        return new PostgresLocation(jdbc, user, password, host, port, database, display);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encodePath(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String redacted(String location) {
        return dev.feedbackloop.storage.StoreLocations.redact(location);
    }
}
