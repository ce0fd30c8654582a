package org.ser4j.server;

/** The API suite on a real PostgreSQL server (a fresh schema per server). */
class PostgresApiTest extends AbstractApiTest {
    @Override
    String newDatabase() {
        return TestDatabases.freshPostgresSchema();
    }

    @Override
    void dropDatabase(String url) {
        TestDatabases.dropPostgresSchema(url);
    }
}
