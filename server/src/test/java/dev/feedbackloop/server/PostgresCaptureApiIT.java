package dev.feedbackloop.server;

import dev.feedbackloop.storage.postgres.TestPostgres;

/** The capture API's scenarios over PostgreSQL (group commit through the PostgreSQL store). */
class PostgresCaptureApiIT extends CaptureApiIT {
    @Override
    ServerFixture fixture() {
        return new ServerFixture(TestPostgres.newDatabase(), ServerSettings.defaults("127.0.0.1", 0));
    }
}
