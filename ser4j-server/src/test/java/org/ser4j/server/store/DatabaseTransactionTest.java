package org.ser4j.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Database#inTransaction} reports a transaction's real outcome. The driver is made to disagree with the
 * database the way a full disk made it: the transaction is ended behind the driver's back (SQLite rolls back by itself
 * on SQLITE_FULL), so the driver's own commit or rollback fails although the database's state is known.
 */
class DatabaseTransactionTest {
    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() throws SQLException {
        db = Database.open("jdbc:sqlite:" + dir.resolve("t.db"));
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aCommitThatFailsAfterTheRowIsStoredIsASuccess() throws SQLException {
        // COMMIT inside the work: the row is stored, then the driver's own commit finds no transaction
        String result = db.inTransaction("row 1", c -> {
            insert(c, 1);
            exec(c, "COMMIT");
            return "done";
        }, c -> exists(c, 1));
        assertEquals("done", result);
        assertEquals(1, count());
    }

    @Test
    void aCommitThatFailsWithNothingStoredSaysSoWithTheCommitErrorAsCause() throws SQLException {
        StoreException e = assertThrows(StoreException.class, () -> db.inTransaction("row 2", c -> {
            insert(c, 2);
            exec(c, "ROLLBACK");
            return null;
        }, c -> exists(c, 2)));
        assertEquals(StoreException.Outcome.NOT_STORED, e.outcome());
        assertTrue(e.getMessage().contains("cannot commit"), e.getMessage());
        assertEquals(0, count());
    }

    @Test
    void aCommitFailureThatCannotBeCheckedIsUnknown() {
        StoreException e = assertThrows(StoreException.class, () -> db.inTransaction("row 3", c -> {
            insert(c, 3);
            exec(c, "COMMIT");
            return null;
        }, c -> {
            throw new SQLException("the database cannot be read");
        }));
        assertEquals(StoreException.Outcome.UNKNOWN, e.outcome());
        assertEquals("the database cannot be read", e.getCause().getSuppressed()[0].getMessage());
    }

    @Test
    void aFailedStatementIsTheCauseAndAFailedRollbackOnlyItsSuppressed() throws SQLException {
        StoreException e = assertThrows(StoreException.class, () -> db.inTransaction("row 4", c -> {
            insert(c, 4);
            exec(c, "ROLLBACK"); // as SQLite does on SQLITE_FULL: the driver's rollback will find no transaction
            throw new SQLException("[SQLITE_FULL] database or disk is full");
        }, c -> exists(c, 4)));
        assertEquals(StoreException.Outcome.NOT_STORED, e.outcome());
        assertEquals("[SQLITE_FULL] database or disk is full", e.getCause().getMessage());
        SQLException rollback = assertInstanceOf(SQLException.class, e.getCause().getSuppressed()[0]);
        assertTrue(rollback.getMessage().contains("no transaction is active"), rollback.getMessage());
        assertEquals(0, count());
    }

    @Test
    void aConnectionLeftInAnUnknownStateNeverServesAnotherTransaction() throws SQLException {
        // Each failure above poisoned its connection (the driver thinks a transaction is open, SQLite does not).
        // Before the fix, the pool handed it out again: the next transaction's insert was committed on its own and
        // its commit failed, so a stored row was reported as not stored. More failures than the pool has connections.
        for (int i = 0; i < 10; i++) {
            int id = 100 + i;
            assertThrows(StoreException.class, () -> db.inTransaction("poison", c -> {
                exec(c, "ROLLBACK");
                throw new SQLException("[SQLITE_FULL] database or disk is full");
            }, c -> false));
            assertEquals(id, (int) db.inTransaction("row " + id, c -> {
                insert(c, id);
                return id;
            }, c -> exists(c, id)));
        }
        assertEquals(10, count());
        // and the work of a failed transaction is really rolled back on a healthy connection
        assertThrows(StoreException.class, () -> db.inTransaction("row 200", c -> {
            insert(c, 200);
            insert(c, 200); // primary key
            return null;
        }, c -> exists(c, 200)));
        assertEquals(10, count());
    }

    private static void insert(Connection c, int id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO t (id) VALUES (?)")) {
            s.setInt(1, id);
            s.executeUpdate();
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static boolean exists(Connection c, int id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM t WHERE id = ?")) {
            s.setInt(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private int count() throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM t")) {
            r.next();
            return r.getInt(1);
        }
    }
}
