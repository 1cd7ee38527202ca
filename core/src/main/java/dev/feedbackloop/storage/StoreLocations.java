package dev.feedbackloop.storage;

import dev.feedbackloop.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * Chooses the store by its location, through the {@link StoreProvider}s on the class path: a URL
 * goes to the provider that accepts it, anything else is a SQLite file. Features never know which
 * database they run on.
 */
public final class StoreLocations {
    private static final Pattern URL = Pattern.compile("^(jdbc:)?[a-z][a-z0-9+.-]*://.*", Pattern.CASE_INSENSITIVE);
    private static final StoreProvider SQLITE = new dev.feedbackloop.storage.sqlite.SqliteStoreProvider();

    /** Looked up on first use of a URL only: a SQLite file never pays for the ServiceLoader scan. */
    private static final class Providers {
        static final List<StoreProvider> ALL = load();
    }

    private StoreLocations() {
    }

    private static List<StoreProvider> load() {
        List<StoreProvider> out = new ArrayList<>();
        ServiceLoader.load(StoreProvider.class, StoreLocations.class.getClassLoader()).forEach(out::add);
        return List.copyOf(out);
    }

    /** True for {@code scheme://...} and {@code jdbc:scheme://...}: never a SQLite file. */
    public static boolean isUrl(String location) {
        return URL.matcher(location).matches() || location.toLowerCase(Locale.ROOT).startsWith("jdbc:");
    }

    /**
     * Opens the store at {@code location}.
     *
     * @throws InvalidInputException when it is empty, or a URL that no store on the class path serves
     * @throws dev.feedbackloop.StorageException when the store cannot be opened
     */
    public static FeedbackStore open(String location) {
        return open(location, java.time.Clock.systemUTC(), false);
    }

    /**
     * Opens the store at {@code location}, whose own records take {@code clock}'s time, for a process that
     * runs one command and ends when {@code oneShot} ({@link StoreProvider#open}).
     *
     * @throws InvalidInputException when it is empty, or a URL that no store on the class path serves
     * @throws dev.feedbackloop.StorageException when the store cannot be opened
     */
    public static FeedbackStore open(String location, java.time.Clock clock, boolean oneShot) {
        if (location.isBlank()) {
            throw new InvalidInputException("the database location is empty");
        }
        return provider(location).open(location, clock, oneShot);
    }

    /** True when {@code file} holds the data of the store at {@code location} (a SQLite file or its companions). */
    public static boolean holds(String location, Path file) {
        return !location.isBlank() && provider(location).holds(location, file);
    }

    /**
     * Copies the SQLite database {@code sqliteFile} into the store at {@code target}
     * ({@link StoreProvider#copyFromSqlite}).
     *
     * @throws InvalidInputException when the file does not exist or the target cannot receive a copy
     */
    public static StoreCopy copyFromSqlite(Path sqliteFile, String target) {
        if (!java.nio.file.Files.isRegularFile(sqliteFile)) {
            throw new InvalidInputException("no such SQLite database: " + sqliteFile);
        }
        if (!isUrl(target)) {
            throw new InvalidInputException("--to must be a server database URL (postgresql://user@host:5432/db), got "
                    + target);
        }
        // brings the source to the current schema (an older file is upgraded in place, as every command does)
        try (FeedbackStore source = dev.feedbackloop.storage.sqlite.SqliteFeedbackStore.open(sqliteFile)) {
            source.count();
        }
        return provider(target).copyFromSqlite(sqliteFile, target);
    }

    /** As {@link #copyFromSqlite}, for a file already at the current schema: the file is only read. */
    static StoreCopy copyCurrentSqlite(Path sqliteFile, String target) {
        return provider(target).copyFromSqlite(sqliteFile, target);
    }

    private static StoreProvider provider(String location) {
        if (!isUrl(location)) {
            return SQLITE;
        }
        return Providers.ALL.stream().filter(p -> p.accepts(location)).findFirst().orElseThrow(() -> {
            String lower = location.toLowerCase(Locale.ROOT);
            boolean postgres = lower.startsWith("postgresql:") || lower.startsWith("postgres:")
                    || lower.startsWith("jdbc:postgresql:");
            return new InvalidInputException(postgres
                    ? "PostgreSQL locations need the feedback-loop-store-postgres module on the class path"
                    : "no store serves the location " + redact(location)
                            + ": give a SQLite file path or a postgresql:// URL");
        });
    }

    /**
     * The location without a password ({@code user:secret@} becomes {@code user@}), for messages. The
     * password runs from the first ':' after {@code ://} to the last '@' before the query, so one with
     * an unencoded '/' or '@' (a URL that then fails to parse, and is echoed in the error) is removed
     * whole; a location with an '@' in its path may lose more than its password, never less.
     */
    public static String redact(String location) {
        String out = location;
        int scheme = out.indexOf("://");
        if (scheme >= 0) {
            int from = scheme + 3;
            int end = out.length();
            for (char stop : new char[] {'?', '#'}) {
                int i = out.indexOf(stop, from);
                end = i >= 0 && i < end ? i : end;
            }
            int at = out.lastIndexOf('@', end - 1);
            int colon = out.indexOf(':', from);
            if (at >= from && colon >= 0 && colon < at) {
                out = out.substring(0, colon) + out.substring(at);
            }
        }
        return out.replaceAll("(?i)([?&][a-z]*password=)[^&]*", "$1***");
    }
}
