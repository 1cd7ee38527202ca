package dev.feedbackloop.storage;

import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.StorageException;
import dev.feedbackloop.storage.sqlite.SqliteBackups;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code feedback restore FILE} into a server database (PostgreSQL): a backup is a SQLite file of
 * this product's schema whichever database it came from, so it goes in through the copy that
 * {@code feedback migrate} uses (every table, ids kept, one transaction). The file is checked
 * first (SQLite's integrity check; a damaged file restores nothing) and only read: a file at an
 * older schema is upgraded in a temporary copy. The target must be empty (no rows in any table);
 * afterwards every table must hold as many rows as in the file.
 */
public final class ServerRestores {
    private ServerRestores() {
    }

    /**
     * @throws InvalidInputException when the file is missing, not a database, from a newer version,
     *         or the target holds anything (nothing is restored)
     * @throws StorageException      when the file is damaged (nothing is restored), or the target's
     *         rows differ from the file's after the copy
     */
    public static SqliteBackups.Restored restore(Path backup, String location) {
        SqliteBackups.Inspected source = SqliteBackups.inspect(backup);
        int version = source.check().schemaVersion();
        if (version > source.check().expectedSchema()) {
            throw new InvalidInputException("the backup " + backup + " is at schema version " + version
                    + ", newer than this version's " + source.check().expectedSchema() + ": restore it with a newer version");
        }
        try (FeedbackStore target = StoreLocations.open(location)) {
            SqliteBackups.requireEmpty(target, target.location());
        }
        Path upgraded = null;
        try {
            Path file = backup;
            if (version < source.check().expectedSchema()) {
                upgraded = Files.createTempDirectory("feedback-restore-");
                file = Files.copy(backup, upgraded.resolve("backup.db"));
                try (SqliteFeedbackStore s = SqliteFeedbackStore.open(file)) {
                    s.count();
                }
                source = SqliteBackups.inspect(file);
            }
            StoreLocations.copyCurrentSqlite(file, location);
        } catch (IOException e) {
            throw new StorageException("cannot upgrade a copy of the backup " + backup + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(upgraded);
        }
        try (FeedbackStore target = StoreLocations.open(location)) {
            StoreCheck after = target.verify();
            List<String> differences = new ArrayList<>();
            for (Map.Entry<String, Long> table : source.check().rows().entrySet()) {
                Long got = after.rows().get(table.getKey());
                if (!table.getValue().equals(got)) {
                    differences.add(table.getKey() + ": " + got + " rows of " + table.getValue());
                }
            }
            differences.addAll(after.integrity());
            if (!differences.isEmpty()) {
                throw new StorageException("the restore into " + target.location() + " does not match the backup: "
                        + String.join("; ", differences));
            }
            return new SqliteBackups.Restored(after.rows().getOrDefault("feedback", 0L), after);
        }
    }

    /** Removes the temporary folder of an upgraded copy (the copy, its journal files, its lock). */
    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(folder);
        } catch (IOException ignored) {
            // a temporary copy left in the temporary folder
        }
    }
}
