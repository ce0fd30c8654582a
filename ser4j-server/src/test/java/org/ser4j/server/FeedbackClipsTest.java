package org.ser4j.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.Signal;
import org.ser4j.data.Emotion;
import org.ser4j.data.Utterance;
import org.ser4j.io.SharedPaths;
import org.ser4j.server.store.FeedbackClips;
import org.ser4j.server.store.StoreException;

/**
 * Feedback-driven retraining's input: a real server storing audio, real uploads and feedback over HTTP, then
 * {@link FeedbackClips#load} on the stopped server's data directory.
 */
class FeedbackClipsTest {
    private static final Path SAMPLES = SharedPaths.samples();

    @Test
    void clipsOfOneAdaptationSessionShareASpeakerSoSplitsKeepThemTogether(@TempDir Path tmp) throws IOException {
        Path dataDir = tmp.resolve("data");
        byte[] calm = Files.readAllBytes(SAMPLES.resolve("03-01-02-01-02-02-13.wav"));
        byte[] other = Files.readAllBytes(SAMPLES.resolve("03-01-08-01-02-02-11.wav"));
        List<String> inSession = new java.util.ArrayList<>();
        String alone;
        try (Ser4jServer server = Ser4jServer.start(ServerConfig.defaults(TestModel.adaptive()).withPort(0)
                .withDataDir(dataDir).withAudioStorage(true, Duration.ofDays(30)))) {
            Http http = new Http(server.port());
            for (byte[] clip : List.of(calm, other)) {
                Http.Answer a = http.postRaw("/api/v1/predictions?session=call-7", clip, "audio/wav");
                assertEquals(201, a.status(), a.body());
                inSession.add(a.json().get("id").asText());
            }
            alone = http.postRaw("/api/v1/predictions", calm, "audio/wav").json().get("id").asText();
            for (String id : List.of(inSession.get(0), inSession.get(1), alone)) {
                assertEquals(201, http.postJson("/api/v1/predictions/" + id + "/feedback", "{\"correct\": true}")
                        .status());
            }
        }
        Map<String, String> speakers = FeedbackClips.load(dataDir, null).stream()
                .collect(Collectors.toMap(u -> u.extra().get("prediction_id"), Utterance::speaker));
        assertEquals("feedback:session:call-7", speakers.get(inSession.get(0)));
        assertEquals("feedback:session:call-7", speakers.get(inSession.get(1)));
        assertEquals("feedback:" + alone, speakers.get(alone), "a clip without a session is its own speaker");
    }

    @Test
    void correctedAndConfirmedClipsWithStoredAudioBecomeUtterances(@TempDir Path tmp) throws IOException {
        Path dataDir = tmp.resolve("data");
        byte[] calm = Files.readAllBytes(SAMPLES.resolve("03-01-02-01-02-02-13.wav"));
        byte[] mp3 = Files.readAllBytes(SAMPLES.resolve("03-01-02-01-02-02-13_128k.mp3"));
        String corrected;
        String confirmed;
        String confirmedEmotion;
        String unlabelled;
        String noFeedback;
        String predictedOfCorrected;
        String correction;
        try (Ser4jServer server = Ser4jServer.start(ServerConfig.defaults(TestModel.bundle()).withPort(0)
                .withDataDir(dataDir).withAudioStorage(true, Duration.ofDays(30)))) {
            Http http = new Http(server.port());
            Http.Answer a = http.postRaw("/api/v1/predictions?filename=calm.WAV", calm, "audio/wav");
            assertEquals(201, a.status(), a.body());
            corrected = a.json().get("id").asText();
            predictedOfCorrected = a.json().get("emotion").asText();
            correction = predictedOfCorrected.equals("angry") ? "sad" : "angry";
            // First a confirmation, then the correction: the newest labelled feedback wins.
            assertEquals(201, http.postJson("/api/v1/predictions/" + corrected + "/feedback",
                    "{\"correct\": true}").status());
            assertEquals(201, http.postJson("/api/v1/predictions/" + corrected + "/feedback",
                    "{\"correct\": false, \"emotion\": \"" + correction + "\"}").status());

            Http.Answer b = http.postMultipart("/api/v1/predictions", "audio", "clip.mp3", mp3);
            assertEquals(201, b.status(), b.body());
            confirmed = b.json().get("id").asText();
            confirmedEmotion = b.json().get("emotion").asText();
            assertEquals(201, http.postJson("/api/v1/predictions/" + confirmed + "/feedback",
                    "{\"correct\": true}").status());

            unlabelled = http.postRaw("/api/v1/predictions", calm, "audio/wav").json().get("id").asText();
            assertEquals(201, http.postJson("/api/v1/predictions/" + unlabelled + "/feedback",
                    "{\"correct\": false}").status());
            noFeedback = http.postRaw("/api/v1/predictions", calm, "audio/wav").json().get("id").asText();
        }

        List<Utterance> clips = FeedbackClips.load(dataDir, null);
        Map<String, Utterance> byId = clips.stream()
                .collect(Collectors.toMap(u -> u.extra().get("prediction_id"), Function.identity()));
        assertEquals(java.util.Set.of(corrected, confirmed), byId.keySet(),
                "a 'wrong' without the right emotion, and a clip without feedback, give no label");
        assertTrue(!byId.containsKey(unlabelled) && !byId.containsKey(noFeedback));

        Utterance u = byId.get(corrected);
        assertEquals(Emotion.parse(correction), u.emotion());
        assertEquals("feedback", u.corpus());
        assertEquals("feedback:" + corrected, u.speaker());
        assertEquals(predictedOfCorrected, u.extra().get("predicted_emotion"));
        assertEquals("calm.WAV", u.extra().get("file_name"));
        assertEquals(dataDir.resolve("feedback-audio").resolve(corrected + ".wav"), u.path());
        assertArrayEquals(calm, Files.readAllBytes(u.path()), "the stored audio, byte for byte");
        Signal decoded = AudioReader.read(u.path(), 16000);
        assertEquals(AudioReader.read(SAMPLES.resolve("03-01-02-01-02-02-13.wav"), 16000).samples().length,
                decoded.samples().length);

        Utterance v = byId.get(confirmed);
        assertEquals(Emotion.parse(confirmedEmotion), v.emotion(), "a confirmation labels the clip as predicted");
        assertTrue(v.path().getFileName().toString().endsWith(".mp3"));
        assertArrayEquals(mp3, Files.readAllBytes(v.path()));
        assertTrue(AudioReader.read(v.path(), 16000).durationSeconds() > 2.5, "the mp3 decodes from the written file");

        // A second load (e.g. the next training run) gives the same clips and rewrites nothing.
        long modified = Files.getLastModifiedTime(u.path()).toMillis();
        assertEquals(clips, FeedbackClips.load(dataDir, null));
        assertEquals(modified, Files.getLastModifiedTime(u.path()).toMillis());
        // Given a JDBC URL only, the audio goes to a temporary folder.
        List<Utterance> viaUrl = FeedbackClips.load(null, ServerConfig.sqliteUrl(dataDir));
        assertEquals(clips.stream().map(Utterance::emotion).toList(), viaUrl.stream().map(Utterance::emotion).toList());
        assertNotEquals(u.path().getParent(), viaUrl.get(0).path().getParent());
        assertArrayEquals(Files.readAllBytes(clips.get(0).path()), Files.readAllBytes(viaUrl.get(0).path()));
    }

    /**
     * Recordings without speech are no training clips: a confirmed no_speech answer gives no label, and a clip whose
     * newest feedback says no_speech is dropped even after an earlier label; a no_speech answer corrected to an
     * emotion (speech the detector missed) is a clip with that emotion.
     */
    @Test
    void noSpeechIsNeverATrainingLabel(@TempDir Path tmp) throws IOException {
        Path dataDir = tmp.resolve("data");
        byte[] calm = Files.readAllBytes(SAMPLES.resolve("03-01-02-01-02-02-13.wav"));
        byte[] silence = TestAudio.wav(new float[32000], 16000);
        String confirmedSilence;
        String missedSpeech;
        String relabelled;
        try (Ser4jServer server = Ser4jServer.start(ServerConfig.defaults(TestModel.bundle()).withPort(0)
                .withDataDir(dataDir).withAudioStorage(true, Duration.ofDays(30)))) {
            Http http = new Http(server.port());
            Http.Answer a = http.postRaw("/api/v1/predictions?filename=silence.wav", silence, "audio/wav");
            assertEquals("no_speech", a.json().get("emotion").asText(), a.body());
            confirmedSilence = a.json().get("id").asText();
            assertEquals(201, http.postJson("/api/v1/predictions/" + confirmedSilence + "/feedback",
                    "{\"correct\": true}").status());

            missedSpeech = http.postRaw("/api/v1/predictions?filename=quiet.wav", silence, "audio/wav").json()
                    .get("id").asText();
            assertEquals(201, http.postJson("/api/v1/predictions/" + missedSpeech + "/feedback",
                    "{\"correct\": false, \"emotion\": \"sad\"}").status());

            Http.Answer b = http.postRaw("/api/v1/predictions?filename=calm.wav", calm, "audio/wav");
            assertTrue(b.json().get("speech").asBoolean(), b.body());
            relabelled = b.json().get("id").asText();
            assertEquals(201, http.postJson("/api/v1/predictions/" + relabelled + "/feedback",
                    "{\"correct\": true}").status());
            assertEquals(201, http.postJson("/api/v1/predictions/" + relabelled + "/feedback",
                    "{\"correct\": false, \"emotion\": \"no_speech\"}").status());
        }
        Map<String, Utterance> byId = FeedbackClips.load(dataDir, null).stream()
                .collect(Collectors.toMap(u -> u.extra().get("prediction_id"), Function.identity()));
        assertEquals(java.util.Set.of(missedSpeech), byId.keySet());
        assertEquals(Emotion.parse("sad"), byId.get(missedSpeech).emotion());
        assertEquals("no_speech", byId.get(missedSpeech).extra().get("predicted_emotion"));
    }

    @Test
    void aDirectoryWithoutAStoreIsAnError(@TempDir Path tmp) {
        StoreException e = assertThrows(StoreException.class, () -> FeedbackClips.load(tmp, null));
        assertTrue(e.getMessage().contains("no feedback store"), e.getMessage());
    }
}
