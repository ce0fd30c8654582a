package org.ser4j.server;

import org.junit.jupiter.api.AfterEach;

class PostgresCrashRecoveryTest extends AbstractCrashRecoveryTest {
    private String url;

    @Override
    String jdbcUrl() {
        url = TestDatabases.freshPostgresSchema();
        return url;
    }

    @AfterEach
    void dropSchema() {
        if (url != null) {
            TestDatabases.dropPostgresSchema(url);
        }
    }
}
