package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.storage.BackupRestoreScenarios;
import java.util.concurrent.atomic.AtomicInteger;

/** Backup, restore and verify on SQLite files. */
class BackupRestoreTest extends BackupRestoreScenarios {
    private final AtomicInteger databases = new AtomicInteger();

    @Override
    protected String newLocation() {
        return dir.resolve("db-" + databases.incrementAndGet() + ".db").toString();
    }
}
