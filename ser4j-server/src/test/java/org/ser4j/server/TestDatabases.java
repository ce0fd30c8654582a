package org.ser4j.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Databases for tests: SQLite files, and fresh schemas on the PostgreSQL server that {@code .ci/postgres.sh}
 * starts (URL from {@code SER4J_TEST_PG_URL}, else that script's default). Without a reachable PostgreSQL the
 * PostgreSQL tests are skipped on a developer machine but fail in CI (env {@code CI} set), so they can never pass
 * silently there.
 */
public final class TestDatabases {
    public static final String DEFAULT_PG_URL =
            "jdbc:postgresql://127.0.0.1:5432/ser4j_test?user=ser4j&password=ser4j";

    private TestDatabases() {
    }

    public static String postgresBaseUrl() {
        String env = System.getenv("SER4J_TEST_PG_URL");
        String url = env == null || env.isBlank() ? DEFAULT_PG_URL : env;
        try (Connection c = DriverManager.getConnection(url)) {
            c.isValid(2);
        } catch (SQLException e) {
            String message = "PostgreSQL is not reachable at " + url.replaceAll("password=[^&]*", "password=***")
                    + " (" + e.getMessage() + "); run .ci/postgres.sh";
            if (System.getenv("CI") != null) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return url;
    }

    /** A URL on a new, empty schema of the test PostgreSQL database. */
    public static String freshPostgresSchema() {
        String base = postgresBaseUrl();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema + ": " + e.getMessage(), e);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Drops a schema made by {@link #freshPostgresSchema}. */
    public static void dropPostgresSchema(String url) {
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection c = DriverManager.getConnection(postgresBaseUrl()); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            // a leftover schema only costs disk space on a test database
        }
    }
}
