package org.ser4j.server;

/** The API suite on the embedded SQLite default (a file in the data directory). */
class SqliteApiTest extends AbstractApiTest {
    @Override
    String newDatabase() {
        return null;
    }

    @Override
    void dropDatabase(String url) {
    }
}
