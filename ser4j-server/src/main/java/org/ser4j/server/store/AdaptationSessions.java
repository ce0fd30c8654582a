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
 * <p>Statistics are stored compactly ({@link #encode}: 3 bytes per feature, in units of the model's population
 * statistics), so a session of the 387 {@code full} features takes about 1.2 KB, and 1.5 KB of SQLite database with
 * its keys and indexes: 100,000 sessions about 150 MB ({@code AdaptationSessionsTest} measures it).
 */
public final class AdaptationSessions {
    private static final int FORMAT = 2;
    /** Steps per prior scale of a stored mean (16 bits). */
    private static final double STEPS = 1000;
    /** Steps per octave of a stored spread (8 bits). */
    private static final double SPREAD_STEPS = 32;

    /**
     * The units statistics are stored in: the served model's population mean and scale per feature.
     *
     * @param fingerprint tells one reference from another, so statistics are never read under another model
     */
    public record Reference(double[] mean, double[] scale, int fingerprint) {
        public static Reference of(double[] mean, double[] scale) {
            return new Reference(mean.clone(), scale.clone(), 31 * java.util.Arrays.hashCode(mean)
                    + java.util.Arrays.hashCode(scale));
        }
    }

    /** A session's statistics and when it last changed. */
    public record Session(GroupStatistics statistics, Instant updatedAt) {
    }

    private final Database db;
    private final Reference reference;

    public AdaptationSessions(Database db, Reference reference) {
        this.db = db;
        this.reference = reference;
    }

    /**
     * The session's statistics if it exists, changed at or after {@code notBefore} and was stored under this
     * reference.
     */
    public Optional<Session> find(String owner, String session, Instant notBefore) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT statistics, updated_at FROM adaptation_sessions "
                     + "WHERE owner = ? AND session = ? AND updated_at >= ?")) {
            s.setString(1, owner);
            s.setString(2, session);
            s.setLong(3, notBefore.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                GroupStatistics statistics = decode(r.getBytes(1), reference);
                return statistics == null ? Optional.empty()
                        : Optional.of(new Session(statistics, Instant.ofEpochMilli(r.getLong(2))));
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
            s.setBytes(4, encode(statistics, reference));
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

    /**
     * The compact form, in units of the model's population statistics ({@code reference}: its prior mean and scale),
     * which is what makes 16 bits per number enough: format, a fingerprint of the reference (a session stored under
     * another model reads as empty), dimensions, clips, the features whose count differs from the clips, then per
     * feature the mean as {@code (mean - priorMean) / priorScale} in 16 bits (steps of 1/1000, ±32 scales) and the
     * standard deviation as {@code log2(sd / priorScale)} in 8 bits (steps of 1/32: within 1.1 %, from 1/16 to 16
     * times the prior's; a speaker's spread beyond that is clamped). 3 bytes a feature keep three sessions of the
     * {@code full} features in a 4 KB database page.
     */
    static byte[] encode(GroupStatistics g, Reference reference) {
        int[] count = g.count();
        double[] mean = g.mean();
        double[] m2 = g.m2();
        int differing = 0;
        for (int n : count) {
            differing += n == g.clips() ? 0 : 1;
        }
        ByteBuffer b = ByteBuffer.allocate(20 + 8 * differing + 3 * count.length);
        b.putInt(FORMAT).putInt(reference.fingerprint()).putInt(count.length).putInt(g.clips()).putInt(differing);
        for (int j = 0; j < count.length; j++) {
            if (count[j] != g.clips()) {
                b.putInt(j).putInt(count[j]);
            }
        }
        for (int j = 0; j < count.length; j++) {
            b.putShort(quantise((mean[j] - reference.mean()[j]) / reference.scale()[j]));
        }
        for (int j = 0; j < count.length; j++) {
            double variance = count[j] < 2 ? 0 : m2[j] / count[j];
            b.put(variance <= 0 ? Byte.MIN_VALUE : (byte) Math.max(Byte.MIN_VALUE + 1, Math.min(Byte.MAX_VALUE,
                    Math.round(SPREAD_STEPS * Math.log(Math.sqrt(variance) / reference.scale()[j]) / Math.log(2)))));
        }
        return b.array();
    }

    /** The statistics stored by {@link #encode}, or null when they were stored under another reference. */
    static GroupStatistics decode(byte[] bytes, Reference reference) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.getInt() != FORMAT || b.getInt() != reference.fingerprint()) {
            return null;
        }
        int dims = b.getInt();
        int clips = b.getInt();
        int differing = b.getInt();
        if (dims != reference.mean().length) {
            return null;
        }
        int[] count = new int[dims];
        java.util.Arrays.fill(count, clips);
        for (int k = 0; k < differing; k++) {
            int j = b.getInt();
            count[j] = b.getInt();
        }
        double[] mean = new double[dims];
        double[] m2 = new double[dims];
        for (int j = 0; j < dims; j++) {
            mean[j] = reference.mean()[j] + b.getShort() / STEPS * reference.scale()[j];
        }
        for (int j = 0; j < dims; j++) {
            byte q = b.get();
            double sd = q == Byte.MIN_VALUE ? 0 : Math.pow(2, q / SPREAD_STEPS) * reference.scale()[j];
            m2[j] = sd * sd * count[j];
        }
        return new GroupStatistics(clips, count, mean, m2);
    }

    private static short quantise(double v) {
        return (short) Math.max(Short.MIN_VALUE + 1, Math.min(Short.MAX_VALUE, Math.round(v * STEPS)));
    }
}
