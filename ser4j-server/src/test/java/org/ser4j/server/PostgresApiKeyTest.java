package org.ser4j.server;

/** The API key suite on a real PostgreSQL server (a fresh schema per server). */
class PostgresApiKeyTest extends AbstractApiKeyTest {
    @Override
    String newDatabase() {
        return TestDatabases.freshPostgresSchema();
    }

    @Override
    void dropDatabase(String url) {
        TestDatabases.dropPostgresSchema(url);
    }
}
