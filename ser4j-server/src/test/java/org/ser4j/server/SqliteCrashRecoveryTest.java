package org.ser4j.server;

class SqliteCrashRecoveryTest extends AbstractCrashRecoveryTest {
    @Override
    String jdbcUrl() {
        return null;
    }
}
