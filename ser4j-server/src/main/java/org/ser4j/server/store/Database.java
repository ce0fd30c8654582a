package org.ser4j.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool to the store's database, with its schema migrated by Flyway on open. SQLite (the embedded
 * default) and PostgreSQL are supported; the dialect is told by the JDBC URL.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=FULL}: a commit is on disk when it returns, so a row that was
 * acknowledged survives a crash of the process (and of the machine).
 *
 * <p>Writes of more than one statement go through {@link #inTransaction}, which reports what really happened to the
 * transaction and never hands a connection in an unknown state back to the pool.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** SQL run on a connection: a transaction's statements, or a query. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

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

    /**
     * Runs {@code work} in one transaction and returns its result once the transaction is committed. Otherwise throws
     * a {@link StoreException} that tells what happened, with the database's own error as its cause (a failed
     * rollback is only added to it as suppressed):
     * <ul>
     *   <li>{@link StoreException.Outcome#NOT_STORED} when {@code work} failed: nothing was committed (SQLite may
     *       already have rolled the transaction back itself, e.g. on {@code SQLITE_FULL}); an unchecked exception
     *       of {@code work} is rethrown as it is, after the rollback;</li>
     *   <li>when the commit itself failed, {@code committed} is asked on a fresh connection whether the writes are
     *       there anyway (a failed COMMIT may have been applied): if they are, the result is returned; if not,
     *       {@code NOT_STORED}; if it cannot tell, {@link StoreException.Outcome#UNKNOWN}.</li>
     * </ul>
     * A connection whose commit or rollback failed is evicted from the pool rather than returned: its driver may no
     * longer agree with the database about whether a transaction is open (sqlite-jdbc would then run the next
     * caller's statements in auto-commit mode and fail its commit, answering "not stored" for rows that were).
     * Once the database accepts writes again, fresh connections work without a restart.
     *
     * @param what      what is written, for messages ("prediction 123...")
     * @param committed whether the transaction's writes are in the database, run in auto-commit mode
     */
    public <T> T inTransaction(String what, Work<T> work, Work<Boolean> committed) {
        Connection c;
        try {
            c = pool.getConnection();
        } catch (SQLException e) {
            throw new StoreException("cannot store " + what + ": " + e.getMessage(), e);
        }
        boolean healthy = true;
        try {
            T result;
            try {
                c.setAutoCommit(false);
                result = work.run(c);
            } catch (SQLException e) {
                healthy = rollback(c, e);
                throw new StoreException("cannot store " + what + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                healthy = rollback(c, e);
                throw e;
            }
            try {
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                healthy = false;
                return afterFailedCommit(what, result, committed, e);
            }
        } finally {
            release(c, healthy);
        }
    }

    private <T> T afterFailedCommit(String what, T result, Work<Boolean> committed, Exception commitError) {
        boolean stored;
        try (Connection probe = pool.getConnection()) {
            stored = committed.run(probe);
        } catch (SQLException | RuntimeException e) {
            commitError.addSuppressed(e);
            throw new StoreException("cannot tell whether " + what + " was stored: the commit failed ("
                    + commitError.getMessage() + ") and the database cannot be read", commitError,
                    StoreException.Outcome.UNKNOWN);
        }
        if (stored) {
            LOG.warn("the commit of {} reported a failure but the data is stored", what, commitError);
            return result;
        }
        throw new StoreException("cannot store " + what + ": " + commitError.getMessage(), commitError);
    }

    /** Rolls back after {@code cause}; a failure is added to it. Returns whether the connection is still usable. */
    private static boolean rollback(Connection c, Exception cause) {
        try {
            c.rollback();
            return true;
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
            return false;
        }
    }

    /**
     * Returns the connection to the pool, or evicts it when its transaction state is unknown. Closing cannot change
     * the outcome (the transaction is over either way), so a failure to close is only logged.
     */
    private void release(Connection c, boolean healthy) {
        if (!healthy) {
            pool.evictConnection(c);
        }
        try {
            c.close();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("cannot return a database connection to the pool; evicting it", e);
            pool.evictConnection(c);
        }
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
