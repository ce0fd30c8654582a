package org.ser4j.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ser4j.data.Emotion;
import org.ser4j.data.Gender;
import org.ser4j.data.Utterance;
import org.ser4j.server.ServerConfig;

/**
 * The user-corrected clips of a server's store as training utterances ({@code ser4j train --feedback}).
 *
 * <p>A clip qualifies when its audio was stored ({@code serve --store-audio}) and feedback on it gives a true
 * emotion: a correction ({@code {"correct": false, "emotion": "sad"}}) or a confirmation ({@code {"correct":
 * true}}, which makes the predicted emotion the label). When a prediction has several such pieces of feedback the
 * newest wins. Feedback saying "wrong" without the right emotion gives no label and is left out. A recording
 * without speech is never a clip: neither a confirmed {@code no_speech} answer nor a correction to
 * {@code no_speech} gives a label, and such feedback, when newest, also drops earlier labels of the clip; a
 * {@code no_speech} answer corrected to an emotion (speech the detector missed) is a clip like any correction.
 *
 * <p>The store keeps audio in the database, so each clip is written once to
 * {@code AUDIO_DIR/<prediction id>.<extension of the uploaded name>} (the decoder detects the format from the
 * content, the extension is for people). Every utterance has corpus {@value #CORPUS}, unknown gender, and in
 * {@code extra} the prediction id, the predicted emotion, the model that predicted it and the uploaded file name. Its
 * speaker is the adaptation session (and speaker) the client named with the upload, {@code feedback:session:<id>},
 * so a session's clips stay on one side of a speaker-independent split; a clip sent without a session is its own
 * speaker, {@code feedback:<prediction id>}. (Two clients using the same session string are one speaker here: that
 * only coarsens the split, it never lets one voice into both sides.)
 */
public final class FeedbackClips {
    /** The corpus id of feedback clips (declare its licence with {@code train --licence feedback=TERMS}). */
    public static final String CORPUS = "feedback";
    /** The licence recorded when the operator declares none. */
    public static final String DEFAULT_LICENCE = "user feedback: licence as declared by the operator";
    /** The folder under the data directory that the clips' audio is written to. */
    public static final String AUDIO_FOLDER = "feedback-audio";

    /** The label of a recording without speech ({@code org.ser4j.models.Prediction.NO_SPEECH}). */
    private static final String NO_SPEECH = org.ser4j.models.Prediction.NO_SPEECH;

    private static final String SQL = "SELECT f.prediction_id, f.correct, f.true_emotion, p.emotion, p.file_name, "
            + "p.model_name, p.model_version, p.prediction_json FROM feedback f JOIN predictions p ON p.id = f.prediction_id "
            + "WHERE EXISTS (SELECT 1 FROM prediction_audio a WHERE a.prediction_id = f.prediction_id) "
            + "ORDER BY f.created_at, f.id";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FeedbackClips() {
    }

    /**
     * The qualifying clips of a store.
     *
     * @param dataDir the server's data directory (its SQLite database {@code ser4j.db} is read when
     *                {@code jdbcUrl} is null; the audio is written under {@code dataDir/feedback-audio}); may be
     *                null when {@code jdbcUrl} is given, the audio then goes to a new temporary folder
     * @param jdbcUrl the store's database (e.g. PostgreSQL), or null for SQLite in {@code dataDir}
     */
    public static List<Utterance> load(Path dataDir, String jdbcUrl) {
        if (dataDir == null && jdbcUrl == null) {
            throw new IllegalArgumentException("give a data directory or a JDBC URL");
        }
        if (jdbcUrl == null) {
            Path db = dataDir.resolve("ser4j.db");
            if (!Files.isRegularFile(db)) {
                throw new StoreException("no feedback store in " + dataDir + " (" + db + " does not exist)", null);
            }
            jdbcUrl = ServerConfig.sqliteUrl(dataDir);
        }
        Path audioDir;
        try {
            audioDir = dataDir != null ? Files.createDirectories(dataDir.resolve(AUDIO_FOLDER))
                    : Files.createTempDirectory("ser4j-feedback-audio");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder for feedback audio: " + e.getMessage(), e);
        }
        try (Database database = Database.open(jdbcUrl)) {
            return load(database, audioDir);
        }
    }

    /** The qualifying clips of an open store, their audio written to {@code audioDir}. */
    public static List<Utterance> load(Database database, Path audioDir) {
        // Newest labelled feedback per prediction (rows come oldest first, so later ones replace earlier ones).
        Map<String, Utterance> byPrediction = new LinkedHashMap<>();
        PredictionStore store = new PredictionStore(database);
        try (Connection c = database.connection(); PreparedStatement s = c.prepareStatement(SQL);
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String predictionId = r.getString(1);
                boolean correct = r.getBoolean(2);
                String trueLabel = r.getString(3);
                String predicted = r.getString(4);
                String label = trueLabel != null ? trueLabel : correct ? predicted : null;
                if (NO_SPEECH.equals(label)) {
                    // The newest word on this clip is that it holds no speech: no training clip, whatever came before.
                    byPrediction.remove(predictionId);
                    continue;
                }
                Optional<Emotion> emotion = Emotion.fromWord(label);
                if (emotion.isEmpty()) {
                    continue;
                }
                String fileName = r.getString(5);
                Map<String, String> extra = new LinkedHashMap<>();
                extra.put("prediction_id", predictionId);
                extra.put("predicted_emotion", predicted);
                extra.put("model", r.getString(6) + " " + r.getString(7));
                if (fileName != null) {
                    extra.put("file_name", fileName);
                }
                Path file = audioDir.resolve(predictionId + extension(fileName));
                byPrediction.remove(predictionId);
                byPrediction.put(predictionId, new Utterance(file, CORPUS, CORPUS + ":" + speaker(predictionId,
                        r.getString(8)), Gender.UNKNOWN, emotion.get(), extra));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read feedback: " + e.getMessage(), e);
        }
        List<Utterance> out = new ArrayList<>();
        for (Utterance u : byPrediction.values()) {
            String id = u.extra().get("prediction_id");
            Optional<byte[]> audio = store.audio(id); // gone if the retention period ended meanwhile
            if (audio.isPresent()) {
                write(u.path(), audio.get());
                out.add(u);
            }
        }
        return out;
    }

    /** The session the prediction was adapted to ("session:" + its id), else the prediction's own id. */
    static String speaker(String predictionId, String predictionJson) {
        try {
            JsonNode adaptation = predictionJson == null ? null : MAPPER.readTree(predictionJson).get("adaptation");
            if (adaptation != null && "session".equals(adaptation.path("mode").asText())
                    && adaptation.hasNonNull("group")) {
                return "session:" + adaptation.get("group").asText();
            }
        } catch (java.io.IOException e) {
            // A row whose JSON cannot be read is its own speaker, like any clip without a session.
        }
        return predictionId;
    }

    /** Writes the clip unless an identical file is already there (atomically, so readers never see half). */
    private static void write(Path file, byte[] audio) {
        try {
            if (Files.isRegularFile(file) && Files.size(file) == audio.length
                    && java.util.Arrays.equals(Files.readAllBytes(file), audio)) {
                return;
            }
            Path tmp = Files.createTempFile(file.getParent(), ".clip", ".tmp");
            Files.write(tmp, audio);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write feedback audio " + file + ": " + e.getMessage(), e);
        }
    }

    /** ".wav" for "x.WAV"; ".audio" when the name has no plain extension. */
    static String extension(String fileName) {
        if (fileName != null) {
            int dot = fileName.lastIndexOf('.');
            String ext = dot >= 0 ? fileName.substring(dot + 1).toLowerCase(java.util.Locale.ROOT) : "";
            if (ext.matches("[a-z0-9]{1,8}")) {
                return "." + ext;
            }
        }
        return ".audio";
    }
}
