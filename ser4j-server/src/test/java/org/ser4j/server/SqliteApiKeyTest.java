package org.ser4j.server;

/** The API key suite on the embedded SQLite default (a file in the data directory). */
class SqliteApiKeyTest extends AbstractApiKeyTest {
    @Override
    String newDatabase() {
        return null;
    }

    @Override
    void dropDatabase(String url) {
    }
}
