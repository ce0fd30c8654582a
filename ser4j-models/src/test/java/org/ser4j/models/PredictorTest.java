package org.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.AudioStream;
import org.ser4j.audio.Signal;
import org.ser4j.audio.WavWriter;
import org.ser4j.io.SharedPaths;

/** Silence and steady noise get "no speech"; timelines mark the stretches without speech instead of an emotion. */
class PredictorTest {
    private static final int SR = 16000;
    private static final Predictor PREDICTOR = new Predictor(ShippedModels.load("default"));
    private static final Signal SPEECH = AudioReader.read(SharedPaths.samples().resolve("03-01-08-01-02-02-11.wav"),
            SR);

    @Test
    void silenceIsAnsweredNoSpeechWithoutScores() throws Exception {
        Prediction p = PREDICTOR.predict(new Signal(new float[3 * SR], SR, "silence.wav"));
        assertEquals(Prediction.NO_SPEECH, p.emotion());
        assertFalse(p.speech());
        assertTrue(p.noSpeechReason().startsWith("silence"), p.noSpeechReason());
        JsonNode json = Json.MAPPER.readTree(p.toJson());
        assertEquals("no_speech", json.get("emotion").asText());
        assertEquals(0.0, json.get("confidence").asDouble(), 0);
        assertEquals(0, json.get("top_3").size());
        assertEquals(0, json.get("all_scores").size());
        assertFalse(json.get("speech").asBoolean());
        assertTrue(json.get("no_speech_reason").asText().contains("dBFS"));
        assertEquals(3.0, json.get("duration_s").asDouble(), 1e-9);
        assertTrue(json.has("timestamp"), "a no-speech answer says when it was made too");
    }

    @Test
    void steadyNoiseIsAnsweredNoSpeech() {
        Random r = new Random(11);
        float[] y = new float[3 * SR];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.2 * r.nextGaussian());
        }
        Prediction p = PREDICTOR.predict(new Signal(y, SR, "hiss.wav"));
        assertEquals(Prediction.NO_SPEECH, p.emotion());
        assertTrue(p.noSpeechReason().startsWith("no voice activity"), p.noSpeechReason());
    }

    @Test
    void speechGetsAnEmotion() throws Exception {
        Prediction p = PREDICTOR.predict(SPEECH);
        assertTrue(p.speech());
        assertNotEquals(Prediction.NO_SPEECH, p.emotion());
        assertEquals(PREDICTOR.bundle().classes().size(), p.allScores().size());
        assertTrue(Json.MAPPER.readTree(p.toJson()).get("speech").asBoolean());
        assertFalse(Json.MAPPER.readTree(p.toJson()).has("no_speech_reason"));
    }

    @Test
    void voiceActivityTimelinesMarkTheSilenceAroundSpeech() throws Exception {
        Signal padded = pad(SPEECH, SR, SR); // 1 s of digital silence on each side
        Prediction p = PREDICTOR.predict(padded, SegmentSource.voiceActivity());
        List<Prediction.Segment> segments = p.segments();
        Prediction.Segment first = segments.get(0);
        assertFalse(first.speech());
        assertEquals(0.0, first.startS(), 0);
        assertTrue(first.endS() >= 0.99, "the leading silence is not speech: " + segments);
        assertNull(first.emotion());
        Prediction.Segment last = segments.get(segments.size() - 1);
        assertFalse(last.speech(), segments.toString());
        assertEquals(padded.durationSeconds(), last.endS(), 1e-9);
        double previousEnd = 0;
        int speech = 0;
        for (Prediction.Segment s : segments) {
            assertEquals(previousEnd, s.startS(), 0.06, "segments follow each other: " + segments);
            previousEnd = s.endS();
            if (s.speech()) {
                speech++;
                assertTrue(s.startS() >= 0.99, s.toString());
                assertTrue(PREDICTOR.bundle().classes().contains(s.emotion()));
            } else {
                assertNull(s.confidence());
            }
        }
        assertTrue(speech >= 1);
        JsonNode json = Json.MAPPER.readTree(p.toJson()).get("segments").get(0);
        assertFalse(json.get("speech").asBoolean());
        assertFalse(json.has("emotion"));
    }

    @Test
    void aVoiceActivitySegmentGetsTheAnswerOfItsClipAlone() {
        // three clips of three speakers and emotions, joined by pauses that are not whole 10 ms hops
        List<Signal> clips = List.of(SPEECH,
                AudioReader.read(SharedPaths.samples().resolve("YAF_choice_fear.wav"), SR),
                AudioReader.read(SharedPaths.samples().resolve("03-01-02-01-02-02-13.wav"), SR));
        Signal pause = new Signal(new float[(int) (0.8037 * SR)], SR);
        Signal joined = concat(pause, clips.get(0), pause, clips.get(1), pause, clips.get(2), pause);
        List<Prediction.Segment> speech = PREDICTOR.predict(joined, SegmentSource.voiceActivity()).segments().stream()
                .filter(Prediction.Segment::speech).toList();
        assertEquals(3, speech.size(), speech.toString());
        for (int i = 0; i < 3; i++) {
            Prediction alone = PREDICTOR.predict(clips.get(i));
            for (String emotion : alone.allScores().keySet()) {
                assertEquals(alone.allScores().get(emotion), speech.get(i).allScores().get(emotion), 0.02,
                        "clip " + i + ", " + emotion + ": alone " + alone.allScores() + ", as a segment "
                                + speech.get(i).allScores());
            }
        }
    }

    @Test
    void aLongRecordingIsPredictedAsAStreamOfSegments(@TempDir Path dir) throws Exception {
        // 5 x (1 s of silence, the clip): its segments, the pauses between, and duration-weighted scores
        List<Signal> parts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            parts.add(new Signal(new float[SR], SR));
            parts.add(SPEECH);
        }
        Path wav = dir.resolve("long.wav");
        WavWriter.write(concat(parts.toArray(Signal[]::new)), wav);
        Prediction p;
        try (AudioStream stream = AudioReader.stream(wav, SR, 4000)) {
            p = PREDICTOR.predictLong(stream, true, 2);
        }
        assertEquals(5 * (1 + SPEECH.durationSeconds()), p.durationS(), 1e-3);
        List<Prediction.Segment> speech = p.segments().stream().filter(Prediction.Segment::speech).toList();
        assertEquals(5, speech.size(), p.segments().toString());
        double previousEnd = 0;
        double[] weighted = new double[PREDICTOR.bundle().classes().size()];
        double seconds = 0;
        for (Prediction.Segment s : p.segments()) {
            assertEquals(previousEnd, s.startS(), 0.06, "segments follow each other: " + p.segments());
            previousEnd = s.endS();
            if (s.speech()) {
                for (int c = 0; c < weighted.length; c++) {
                    weighted[c] += s.allScores().get(PREDICTOR.bundle().classes().get(c)) * (s.endS() - s.startS());
                }
                seconds += s.endS() - s.startS();
            }
        }
        assertEquals(p.durationS(), previousEnd, 1e-9, "the timeline covers the recording");
        for (int c = 0; c < weighted.length; c++) {
            String emotion = PREDICTOR.bundle().classes().get(c);
            assertEquals(weighted[c] / seconds, p.allScores().get(emotion), 1e-9, emotion);
        }
        // one thread or two: the same timeline and scores, in the same order
        try (AudioStream stream = AudioReader.stream(wav, SR, 4000)) {
            Prediction serial = PREDICTOR.predictLong(stream, true, 1);
            assertEquals(p.allScores(), serial.allScores());
            assertEquals(p.segments(), serial.segments());
        }
        // every segment holds the same clip: each gets the clip's own answer
        String alone = PREDICTOR.predict(SPEECH).emotion();
        speech.forEach(s -> assertEquals(alone, s.emotion(), s.toString()));

        Path quiet = dir.resolve("quiet.wav");
        WavWriter.write(new Signal(new float[20 * SR], SR, "quiet"), quiet);
        try (AudioStream stream = AudioReader.stream(quiet, SR, 4000)) {
            Prediction none = PREDICTOR.predictLong(stream, false, 1);
            assertEquals(Prediction.NO_SPEECH, none.emotion());
            assertNull(none.segments());
            assertEquals(20.0, none.durationS(), 1e-9);
        }
    }

    @Test
    void fixedWindowsOverSilenceAreNotSpeech() {
        Signal y = concat(SPEECH, new Signal(new float[3 * SR], SR), SPEECH);
        Prediction p = PREDICTOR.predict(y, SegmentSource.fixedWindows(1.0, 1.0));
        double silenceFrom = SPEECH.durationSeconds();
        double silenceTo = silenceFrom + 3;
        boolean sawSilentWindow = false;
        for (Prediction.Segment s : p.segments()) {
            if (s.startS() >= silenceFrom && s.endS() <= silenceTo) {
                assertFalse(s.speech(), "a window inside the silence: " + s);
                sawSilentWindow = true;
            }
        }
        assertTrue(sawSilentWindow);
        assertTrue(p.segments().stream().anyMatch(Prediction.Segment::speech));
    }

    @Test
    void aSpeakersBatchAnswersItsSilentClipNoSpeech() {
        Signal silent = new Signal(new float[2 * SR], SR, "silent.wav");
        List<Prediction> out = PREDICTOR.predictGroup(List.of(SPEECH, silent, SPEECH).stream()
                .map(PREDICTOR::featurise).toList(), "folder", "f");
        assertEquals(3, out.size());
        assertNull(out.get(0).adaptation(), "the model does not adapt, so its answers say nothing of adaptation");
        assertTrue(out.get(0).speech());
        assertEquals(Prediction.NO_SPEECH, out.get(1).emotion());
        assertEquals("silent.wav", out.get(1).file());
        assertEquals(out.get(0).emotion(), out.get(2).emotion());
    }

    private static Signal pad(Signal s, int before, int after) {
        float[] y = new float[before + s.length() + after];
        System.arraycopy(s.samples(), 0, y, before, s.length());
        return new Signal(y, s.sampleRate(), "padded.wav");
    }

    private static Signal concat(Signal... parts) {
        int n = 0;
        for (Signal s : parts) {
            n += s.length();
        }
        float[] y = new float[n];
        int at = 0;
        for (Signal s : parts) {
            System.arraycopy(s.samples(), 0, y, at, s.length());
            at += s.length();
        }
        return new Signal(y, parts[0].sampleRate(), "joined.wav");
    }
}
