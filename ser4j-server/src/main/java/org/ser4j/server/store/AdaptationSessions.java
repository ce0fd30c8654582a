package org.ser4j.server.store;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.ser4j.models.adaptation.GroupStatistics;

/**
 * The running feature statistics of each client session, for models that adapt to a speaker or channel: what the
 * server has seen of a session's clips with speech, in the {@link Database} so a restart keeps them. Sessions are
 * keyed by owner (the API key's id) and the client's session id, so equal session strings of two keys never mix.
 * A session idle for longer than the server's idle time is gone: {@link #find} ignores it and {@link #expire}
 * deletes it.
 *
 * <p>Statistics are stored compactly (about 8 bytes per feature: single-precision mean and sum of squares, plus the
 * features whose count differs from the clip count), so 100,000 sessions of the 387 {@code full} features take
 * about 310 MB.
 */
public final class AdaptationSessions {
    private static final int FORMAT = 1;

    /** A session's statistics and when it last changed. */
    public record Session(GroupStatistics statistics, Instant updatedAt) {
    }

    private final Database db;

    public AdaptationSessions(Database db) {
        this.db = db;
    }

    /** The session's statistics if it exists and changed at or after {@code notBefore}. */
    public Optional<Session> find(String owner, String session, Instant notBefore) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT statistics, updated_at FROM adaptation_sessions "
                     + "WHERE owner = ? AND session = ? AND updated_at >= ?")) {
            s.setString(1, owner);
            s.setString(2, session);
            s.setLong(3, notBefore.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Session(decode(r.getBytes(1)), Instant.ofEpochMilli(r.getLong(2))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read adaptation session: " + e.getMessage(), e);
        }
    }

    /** Writes (creates or replaces) a session's statistics, committed before it returns. */
    public void save(String owner, String session, GroupStatistics statistics, Instant now) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO adaptation_sessions (owner, session, clips, "
                     + "statistics, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (owner, session) DO UPDATE SET "
                     + "clips = excluded.clips, statistics = excluded.statistics, updated_at = excluded.updated_at")) {
            s.setString(1, owner);
            s.setString(2, session);
            s.setInt(3, statistics.clips());
            s.setBytes(4, encode(statistics));
            s.setLong(5, now.toEpochMilli());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot store adaptation session: " + e.getMessage(), e);
        }
    }

    /** Forgets a session; false if there was none. */
    public boolean delete(String owner, String session) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement(
                     "DELETE FROM adaptation_sessions WHERE owner = ? AND session = ?")) {
            s.setString(1, owner);
            s.setString(2, session);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreException("cannot delete adaptation session: " + e.getMessage(), e);
        }
    }

    /** Deletes the sessions last changed before {@code before}; returns how many. */
    public int expire(Instant before) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("DELETE FROM adaptation_sessions WHERE updated_at < ?")) {
            s.setLong(1, before.toEpochMilli());
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot expire adaptation sessions: " + e.getMessage(), e);
        }
    }

    /** Sessions stored, expired or not. */
    public long count() {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM adaptation_sessions");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("cannot count adaptation sessions: " + e.getMessage(), e);
        }
    }

    /** The compact form: format, dimensions, clips, the features whose count differs, then float means and m2. */
    static byte[] encode(GroupStatistics g) {
        int[] count = g.count();
        double[] mean = g.mean();
        double[] m2 = g.m2();
        int differing = 0;
        for (int n : count) {
            differing += n == g.clips() ? 0 : 1;
        }
        ByteBuffer b = ByteBuffer.allocate(16 + 8 * differing + 8 * count.length);
        b.putInt(FORMAT).putInt(count.length).putInt(g.clips()).putInt(differing);
        for (int j = 0; j < count.length; j++) {
            if (count[j] != g.clips()) {
                b.putInt(j).putInt(count[j]);
            }
        }
        for (double v : mean) {
            b.putFloat((float) v);
        }
        for (double v : m2) {
            b.putFloat((float) v);
        }
        return b.array();
    }

    static GroupStatistics decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.getInt() != FORMAT) {
            throw new StoreException("adaptation session stored in an unknown format", null);
        }
        int dims = b.getInt();
        int clips = b.getInt();
        int differing = b.getInt();
        int[] count = new int[dims];
        java.util.Arrays.fill(count, clips);
        for (int k = 0; k < differing; k++) {
            int j = b.getInt();
            count[j] = b.getInt();
        }
        double[] mean = new double[dims];
        double[] m2 = new double[dims];
        for (int j = 0; j < dims; j++) {
            mean[j] = b.getFloat();
        }
        for (int j = 0; j < dims; j++) {
            m2[j] = b.getFloat();
        }
        return new GroupStatistics(clips, count, mean, m2);
    }
}
