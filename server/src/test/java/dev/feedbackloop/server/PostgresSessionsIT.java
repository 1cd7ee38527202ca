package dev.feedbackloop.server;

import dev.feedbackloop.storage.postgres.TestPostgres;

/** The session scenarios over one PostgreSQL database shared by the instances. */
class PostgresSessionsIT extends SessionsIT {
    @Override
    String location() {
        return TestPostgres.newDatabase();
    }
}
