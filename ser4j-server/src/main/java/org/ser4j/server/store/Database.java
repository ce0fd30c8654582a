package org.ser4j.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The connection pool to the store's database, with its schema migrated by Flyway on open. SQLite (the embedded
 * default) and PostgreSQL are supported; the dialect is told by the JDBC URL.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=FULL}: a commit is on disk when it returns, so a row that was
 * acknowledged survives a crash of the process (and of the machine).
 */
public final class Database implements AutoCloseable {
    /** The SQL dialects the schema is written for. */
    public enum Dialect {
        SQLITE("BLOB"), POSTGRESQL("BYTEA");

        final String blobType;

        Dialect(String blobType) {
            this.blobType = blobType;
        }

        static Dialect of(String jdbcUrl) {
            if (jdbcUrl.startsWith("jdbc:sqlite:")) {
                return SQLITE;
            }
            if (jdbcUrl.startsWith("jdbc:postgresql:")) {
                return POSTGRESQL;
            }
            throw new StoreException("unsupported database URL '" + redact(jdbcUrl)
                    + "': use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB", null);
        }
    }

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final String url;

    private Database(HikariDataSource pool, Dialect dialect, String url) {
        this.pool = pool;
        this.dialect = dialect;
        this.url = url;
    }

    /** Opens a pool on {@code jdbcUrl} and migrates the schema to the latest version. */
    public static Database open(String jdbcUrl) {
        Dialect dialect = Dialect.of(jdbcUrl);
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(jdbcUrl);
        hikari.setPoolName("ser4j-db");
        hikari.setConnectionTimeout(10_000);
        hikari.setInitializationFailTimeout(10_000);
        if (dialect == Dialect.SQLITE) {
            // Properties sqlite-jdbc applies to every connection it opens.
            hikari.addDataSourceProperty("journal_mode", "WAL");
            hikari.addDataSourceProperty("synchronous", "FULL");
            hikari.addDataSourceProperty("foreign_keys", "true");
            hikari.addDataSourceProperty("busy_timeout", "10000");
            hikari.setMaximumPoolSize(4);
        } else {
            hikari.setMaximumPoolSize(8);
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to the database " + redact(jdbcUrl) + ": " + rootMessage(e), e);
        }
        try {
            migrate(pool, dialect);
        } catch (FlywayException e) {
            pool.close();
            throw new StoreException("cannot migrate the database schema at " + redact(jdbcUrl) + ": "
                    + rootMessage(e), e);
        }
        return new Database(pool, dialect, jdbcUrl);
    }

    private static void migrate(DataSource dataSource, Dialect dialect) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(Map.of("blob_type", dialect.blobType))
                .load()
                .migrate();
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The URL without a password, for logs and /health. */
    public String describe() {
        return redact(url);
    }

    /** True if a trivial query answers within {@code timeoutSeconds}. */
    public boolean reachable(int timeoutSeconds) {
        try (Connection c = pool.getConnection()) {
            return c.isValid(timeoutSeconds);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    /** The URL with any password parameter replaced by ***. */
    static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
