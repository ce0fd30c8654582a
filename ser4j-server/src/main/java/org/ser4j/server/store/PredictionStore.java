package org.ser4j.server.store;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ser4j.models.Prediction;

/**
 * Predictions, their feedback and (optionally) their audio, in the {@link Database}. Every write is one
 * transaction that is committed before the method returns, so whatever a caller acknowledges is durable.
 */
public final class PredictionStore {
    private static final String PREDICTION_COLUMNS = "id, created_at, file_name, content_sha256, duration_s, "
            + "model_name, model_version, emotion, confidence, prediction_json, latency_ms, origin, owner";

    /**
     * Which predictions (and their feedback) a caller sees: {@link #ALL} while API keys are off, else only those its
     * key made ({@link #ownedBy}). Rows made while keys were off have no owner, so no key sees them.
     *
     * @param owner the API key's id, or null for all rows
     */
    public record Scope(String owner) {
        public static final Scope ALL = new Scope(null);

        public static Scope ownedBy(String keyId) {
            return new Scope(Objects.requireNonNull(keyId, "keyId"));
        }

        /** {@code " AND <column> = ?"} with its argument added to {@code args}, or nothing for {@link #ALL}. */
        String condition(String column, List<Object> args) {
            if (owner == null) {
                return "";
            }
            args.add(owner);
            return " AND " + column + " = ?";
        }
    }

    private final Database db;

    public PredictionStore(Database db) {
        this.db = db;
    }

    /** Inserts a prediction and, when {@code audio} is not null, its audio, in one transaction. */
    public void insert(StoredPrediction p, byte[] audio) {
        insert(p, audio, null);
    }

    /**
     * Inserts a prediction (and its audio, when not null) and claims {@code key} for it (when not null), in one
     * transaction. Returns the id of the prediction now stored under the key: {@code p}'s, or, when a request with
     * the same key committed first (the key's primary key refused this one), that request's prediction, whose
     * request hash the caller compares. Throws {@link StoreException} when nothing was stored (or that cannot be told).
     */
    public String insert(StoredPrediction p, byte[] audio, IdempotencyKey key) {
        return createOnce("prediction " + p.id(), p.id(), p.createdAt(), key, c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO predictions (" + PREDICTION_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, p.id());
                s.setLong(2, p.createdAt().toEpochMilli());
                s.setString(3, p.fileName());
                s.setString(4, p.contentSha256());
                s.setDouble(5, p.durationS());
                s.setString(6, p.modelName());
                s.setString(7, p.modelVersion());
                s.setString(8, p.emotion());
                s.setDouble(9, p.confidence());
                s.setString(10, p.predictionJson());
                s.setDouble(11, p.latencyMs());
                s.setString(12, p.origin());
                setNullableString(s, 13, p.owner());
                s.executeUpdate();
            }
            if (audio != null) {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO prediction_audio (prediction_id, created_at, audio) VALUES (?, ?, ?)")) {
                    s.setString(1, p.id());
                    s.setLong(2, p.createdAt().toEpochMilli());
                    s.setBytes(3, audio);
                    s.executeUpdate();
                }
            }
            return true;
        }, c -> exists(c, "SELECT 1 FROM predictions WHERE id = ?", p.id()));
    }

    /** What an earlier request with this idempotency key stored, if there was one. */
    public Optional<IdempotencyKey.Earlier> findEarlier(IdempotencyKey key) {
        try (Connection c = db.connection()) {
            return key.find(c);
        } catch (SQLException e) {
            throw new StoreException("cannot read idempotency key: " + e.getMessage(), e);
        }
    }

    /**
     * One transaction of {@code writes} (false: nothing to create) and, when there is a key, its claim for {@code id}.
     * Returns {@code id} when this call stored it, null when {@code writes} created nothing, or the id an earlier
     * request stored under the key when that request won a race for it.
     */
    private String createOnce(String what, String id, Instant at, IdempotencyKey key, Database.Work<Boolean> writes,
                              Database.Work<Boolean> committed) {
        try {
            boolean created = db.inTransaction(what, c -> {
                if (!writes.run(c)) {
                    return false;
                }
                if (key != null) {
                    key.claim(c, id, at);
                }
                return true;
            }, committed);
            return created ? id : null;
        } catch (StoreException e) {
            if (key == null || e.outcome() != StoreException.Outcome.NOT_STORED) {
                throw e;
            }
            // Concurrent retries: the primary key of idempotency_keys let the first commit and refused the others.
            Optional<IdempotencyKey.Earlier> earlier;
            try {
                earlier = findEarlier(key);
            } catch (StoreException lookup) {
                e.addSuppressed(lookup);
                throw e;
            }
            return earlier.map(IdempotencyKey.Earlier::resourceId).orElseThrow(() -> e);
        }
    }

    private static boolean exists(Connection c, String sql, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** The prediction with this id, if there is one the scope sees. */
    public Optional<StoredPrediction> find(String id, Scope scope) {
        List<Object> args = new ArrayList<>(List.of(id));
        String sql = "SELECT " + PREDICTION_COLUMNS + " FROM predictions WHERE id = ?" + scope.condition("owner", args);
        return query(sql, args, 1).stream().findFirst();
    }

    /**
     * Predictions newest first, filtered by time ({@code from} inclusive, {@code to} exclusive; either may be
     * null) and emotion (null: any), skipping {@code offset} rows and returning at most {@code limit}.
     */
    public List<StoredPrediction> list(Scope scope, Instant from, Instant to, String emotion, int limit,
                                       int offset) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + PREDICTION_COLUMNS + " FROM predictions WHERE 1 = 1"
                + scope.condition("owner", args));
        if (from != null) {
            sql.append(" AND created_at >= ?");
            args.add(from.toEpochMilli());
        }
        if (to != null) {
            sql.append(" AND created_at < ?");
            args.add(to.toEpochMilli());
        }
        if (emotion != null) {
            sql.append(" AND emotion = ?");
            args.add(emotion);
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
        return query(sql.toString(), args, limit);
    }

    /** Stores feedback; false (and nothing stored) when the prediction does not exist or the scope does not see it. */
    public boolean addFeedback(Feedback f, Scope scope) {
        return addFeedback(f, scope, null) != null;
    }

    /**
     * Stores feedback and claims {@code key} for it (when not null), in one transaction. Returns the id of the
     * feedback now stored under the key (as {@link #insert(StoredPrediction, byte[], IdempotencyKey)} does), or null
     * (and nothing stored) when the prediction does not exist or the scope does not see it.
     */
    public String addFeedback(Feedback f, Scope scope, IdempotencyKey key) {
        List<Object> scopeArgs = new ArrayList<>();
        String sql = "INSERT INTO feedback (id, prediction_id, created_at, correct, true_emotion, comment) "
                + "SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM predictions WHERE id = ?"
                + scope.condition("owner", scopeArgs) + ")";
        return createOnce("feedback on " + f.predictionId(), f.id(), f.createdAt(), key, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, f.id());
                s.setString(2, f.predictionId());
                s.setLong(3, f.createdAt().toEpochMilli());
                s.setBoolean(4, f.correct());
                setNullableString(s, 5, f.trueEmotion());
                setNullableString(s, 6, f.comment());
                s.setString(7, f.predictionId());
                for (int i = 0; i < scopeArgs.size(); i++) {
                    s.setObject(8 + i, scopeArgs.get(i));
                }
                return s.executeUpdate() == 1;
            }
        }, c -> exists(c, "SELECT 1 FROM feedback WHERE id = ?", f.id()));
    }

    public Optional<Feedback> findFeedback(String id) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT id, prediction_id, created_at, correct, true_emotion, "
                     + "comment FROM feedback WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Feedback(r.getString(1), r.getString(2), Instant.ofEpochMilli(r.getLong(3)),
                        r.getBoolean(4), r.getString(5), r.getString(6)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read feedback " + id + ": " + e.getMessage(), e);
        }
    }

    /** Feedback given so far on the predictions the scope sees: {total, correct}. */
    public long[] feedbackCounts(Scope scope) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT COUNT(*), COALESCE(SUM(CASE WHEN f.correct THEN 1 ELSE 0 END), 0) FROM feedback f "
                + "JOIN predictions p ON p.id = f.prediction_id WHERE 1 = 1" + scope.condition("p.owner", args);
        try (Connection c = db.connection(); PreparedStatement s = prepare(c, sql, args);
             ResultSet r = s.executeQuery()) {
            r.next();
            return new long[] {r.getLong(1), r.getLong(2)};
        } catch (SQLException e) {
            throw new StoreException("cannot count feedback: " + e.getMessage(), e);
        }
    }

    /**
     * Columns of the feedback export: {@code FULL}, everything stored about the feedback and its prediction; or
     * {@code SIMPLE}, the original design's four: {@code file, prediction, feedback, comment}, where feedback is
     * {@code correct}, the emotion the user gave instead, or {@code incorrect} when they gave none.
     */
    public enum FeedbackView { FULL, SIMPLE }

    /**
     * Writes every piece of feedback on the predictions the scope sees, joined with its prediction, as CSV (RFC
     * 4180, header first), oldest first, streaming row by row.
     */
    public void exportFeedbackCsv(Writer out, FeedbackView view, Scope scope) throws IOException {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT f.id, f.created_at, f.correct, f.true_emotion, f.comment, p.id, p.created_at, "
                + "p.file_name, p.content_sha256, p.duration_s, p.model_name, p.model_version, p.emotion, "
                + "p.confidence, p.prediction_json FROM feedback f JOIN predictions p ON p.id = f.prediction_id "
                + "WHERE 1 = 1" + scope.condition("p.owner", args) + " ORDER BY f.created_at, f.id";
        out.write(view == FeedbackView.SIMPLE ? "file,prediction,feedback,comment\r\n"
                : "feedback_id,feedback_at,correct,true_emotion,comment,prediction_id,predicted_at,file_name,"
                + "content_sha256,duration_s,model_name,model_version,predicted_emotion,confidence,prediction_json\r\n");
        try (Connection c = db.connection(); PreparedStatement s = prepare(c, sql, args)) {
            s.setFetchSize(500);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (view == FeedbackView.SIMPLE) {
                        String feedback = r.getBoolean(3) ? "correct"
                                : r.getString(4) != null ? r.getString(4) : "incorrect";
                        out.write(String.join(",", Csv.field(r.getString(8)), Csv.field(r.getString(13)),
                                Csv.field(feedback), Csv.field(r.getString(5))));
                        out.write("\r\n");
                        continue;
                    }
                    out.write(String.join(",", Csv.field(r.getString(1)),
                            Prediction.TIMESTAMP.format(Instant.ofEpochMilli(r.getLong(2))), String.valueOf(r.getBoolean(3)),
                            Csv.field(r.getString(4)), Csv.field(r.getString(5)), Csv.field(r.getString(6)),
                            Prediction.TIMESTAMP.format(Instant.ofEpochMilli(r.getLong(7))), Csv.field(r.getString(8)),
                            Csv.field(r.getString(9)), String.valueOf(r.getDouble(10)), Csv.field(r.getString(11)),
                            Csv.field(r.getString(12)), Csv.field(r.getString(13)), String.valueOf(r.getDouble(14)),
                            Csv.field(r.getString(15))));
                    out.write("\r\n");
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot export feedback: " + e.getMessage(), e);
        }
    }

    /** The stored audio of a prediction, if audio storage was on when it was made. */
    public Optional<byte[]> audio(String predictionId) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT audio FROM prediction_audio WHERE prediction_id = ?")) {
            s.setString(1, predictionId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read audio of " + predictionId + ": " + e.getMessage(), e);
        }
    }

    /** Deletes stored audio older than {@code cutoff}; returns how many recordings were deleted. */
    public int deleteAudioBefore(Instant cutoff) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("DELETE FROM prediction_audio WHERE created_at < ?")) {
            s.setLong(1, cutoff.toEpochMilli());
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot apply the audio retention limit: " + e.getMessage(), e);
        }
    }

    private List<StoredPrediction> query(String sql, List<Object> args, int expected) {
        try (Connection c = db.connection(); PreparedStatement s = prepare(c, sql, args)) {
            List<StoredPrediction> out = new ArrayList<>(Math.min(expected, 1000));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new StoredPrediction(r.getString(1), Instant.ofEpochMilli(r.getLong(2)), r.getString(3),
                            r.getString(4), r.getDouble(5), r.getString(6), r.getString(7), r.getString(8),
                            r.getDouble(9), r.getString(10), r.getDouble(11), r.getString(12), r.getString(13)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read predictions: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> args) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        try {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            return s;
        } catch (SQLException e) {
            s.close();
            throw e;
        }
    }

    private static void setNullableString(PreparedStatement s, int index, String value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.VARCHAR);
        } else {
            s.setString(index, value);
        }
    }
}
