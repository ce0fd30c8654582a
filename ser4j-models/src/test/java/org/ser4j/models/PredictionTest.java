package org.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.Signal;
import org.ser4j.io.SharedPaths;

class PredictionTest {
    private static final List<String> CLASSES = List.of("angry", "happy", "neutral", "sad");

    @Test
    void jsonHasTheSharedShape() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Prediction p = Prediction.of("a.wav", CLASSES, new double[] {0.1, 0.6, 0.05, 0.25}, 3.5,
                new Prediction.ModelRef("m", "2"), null);
        JsonNode json = Json.MAPPER.readTree(p.toJson());
        String timestamp = json.get("timestamp").asText();
        assertTrue(timestamp.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"), timestamp);
        Instant at = Instant.parse(timestamp);
        assertFalse(at.isBefore(before) || at.isAfter(Instant.now()), timestamp + " is when the prediction was made");
        assertEquals("a.wav", json.get("file").asText());
        assertEquals("happy", json.get("emotion").asText());
        assertEquals(0.6, json.get("confidence").asDouble(), 0);
        assertEquals(3, json.get("top_3").size());
        assertEquals("sad", json.get("top_3").get(1).get("emotion").asText());
        assertEquals(0.1, json.get("top_3").get(2).get("score").asDouble(), 0);
        assertEquals(0.05, json.get("all_scores").get("neutral").asDouble(), 0);
        assertEquals(3.5, json.get("duration_s").asDouble(), 0);
        assertEquals("2", json.get("model").get("version").asText());
        assertTrue(json.get("speech").asBoolean());
        assertFalse(json.has("no_speech_reason"));
        assertFalse(json.has("segments"), "segments only when asked for");
    }

    @Test
    void segmentsAppearWhenGiven() throws Exception {
        Prediction.Segment s = Prediction.segment(1.0, 2.5, CLASSES, new double[] {0.7, 0.1, 0.1, 0.1});
        Prediction p = Prediction.of("b.wav", CLASSES, new double[] {0.4, 0.3, 0.2, 0.1}, 4,
                new Prediction.ModelRef("m", "1"), List.of(s));
        JsonNode segment = Json.MAPPER.readTree(p.toJson()).get("segments").get(0);
        assertEquals(1.0, segment.get("start_s").asDouble(), 0);
        assertEquals(2.5, segment.get("end_s").asDouble(), 0);
        assertEquals("angry", segment.get("emotion").asText());
        assertTrue(segment.get("speech").asBoolean());
        assertTrue(segment.get("all_scores").has("sad"));
    }

    @Test
    void voiceActivitySegmentsAreOrderedSpansInsideTheRecording() {
        // A RAVDESS clip of 2.97 s holding one sentence.
        Signal clip = AudioReader.read(SharedPaths.samples().resolve("03-01-08-01-02-02-11.wav"), 16000);
        List<SegmentSource.Span> spans = SegmentSource.voiceActivity().segments(clip);
        assertFalse(spans.isEmpty());
        double previousEnd = 0;
        for (SegmentSource.Span span : spans) {
            assertTrue(span.startS() >= previousEnd && span.endS() <= clip.durationSeconds() + 1e-9, span.toString());
            previousEnd = span.endS();
        }
    }

    @Test
    void fixedWindowsCoverTheRecordingToItsEnd() {
        Signal fiveSeconds = new Signal(new float[5 * 16000], 16000);
        List<SegmentSource.Span> spans = SegmentSource.fixedWindows(2, 1).segments(fiveSeconds);
        assertEquals(List.of(new SegmentSource.Span(0, 2), new SegmentSource.Span(1, 3), new SegmentSource.Span(2, 4),
                new SegmentSource.Span(3, 5)), spans);
        Signal short1 = new Signal(new float[24000], 16000);
        assertEquals(List.of(new SegmentSource.Span(0, 1.5)), SegmentSource.fixedWindows(2, 1).segments(short1));
    }
}
