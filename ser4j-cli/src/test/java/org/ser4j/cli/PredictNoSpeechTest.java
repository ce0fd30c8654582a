package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.Signal;
import org.ser4j.audio.WavWriter;
import org.ser4j.audio.effects.SpeechPresence;
import org.ser4j.io.SharedPaths;

/**
 * {@code ser4j predict} on recordings without speech, through the real CLI with a small real model (seed features,
 * logistic regression on two EMO-DB speakers): silence and steady noise are answered {@code no_speech} with the
 * reason, in every format, and exit 0; a clip with speech still gets one of the model's emotions.
 */
class PredictNoSpeechTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path model;
    static Path silence;
    static Path noise;
    static final Path SPEECH = SharedPaths.samples().resolve("03-01-08-01-02-02-11.wav");

    @BeforeAll
    static void trainAndMakeClips() throws IOException {
        Path csv = EmoDbSubset.csv(dir, "tiny", Set.of("03", "08"));
        model = dir.resolve("tiny.ser4j");
        Cli r = Cli.run("train", "--data", csv.toString(), "--labels", "emodb", "--protocol", "kfold-speaker",
                "--folds", "2", "--features", "seed", "--model", "logreg", "--licence", "tiny=CC BY 4.0",
                "--out", model.toString(), "--threads", "2", "--no-cache", "--quiet");
        assertEquals(0, r.exitCode(), r.toString());
        silence = dir.resolve("silence.wav");
        WavWriter.write(new Signal(new float[2 * 16000], 16000, "silence"), silence);
        Random random = new Random(5);
        float[] hiss = new float[3 * 16000];
        for (int i = 0; i < hiss.length; i++) {
            hiss[i] = (float) (0.1 * random.nextGaussian());
        }
        noise = dir.resolve("white-noise.wav");
        WavWriter.write(new Signal(hiss, 16000, "noise"), noise);
    }

    @Test
    void aSilentClipIsAnsweredNoSpeechWithItsReasonAndExitsZero() throws IOException {
        Cli r = Cli.run("predict", "--model", model.toString(), silence.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().isBlank(), r.toString());
        JsonNode p = JSON.readTree(r.out());
        assertEquals("no_speech", p.get("emotion").asText());
        assertFalse(p.get("speech").asBoolean());
        assertTrue(p.get("no_speech_reason").asText().startsWith("silence"), r.out());
        assertEquals(0.0, p.get("confidence").asDouble());
        assertEquals(0, p.get("top_3").size());
        assertEquals(0, p.get("all_scores").size());
        assertEquals(2.0, p.get("duration_s").asDouble(), 1e-9);
    }

    @Test
    void theTableShowsNoSpeechWithADashAndTheReasonAndSpeechStillGetsAnEmotion() {
        Cli r = Cli.run("predict", "--model", model.toString(), "--format", "table", silence.toString(),
                noise.toString(), SPEECH.toString());
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size(), r.out());
        String silent = lines.stream().filter(l -> l.startsWith("silence.wav") || l.contains("/silence.wav"))
                .findFirst().orElseThrow();
        assertTrue(silent.matches(".*silence\\.wav\\s+no_speech\\s+-\\s+no speech: silence .*"), silent);
        String hiss = lines.stream().filter(l -> l.contains("white-noise.wav")).findFirst().orElseThrow();
        assertTrue(hiss.matches(".*white-noise\\.wav\\s+no_speech\\s+-\\s+no speech: no voice activity .*"), hiss);
        String speech = lines.stream().filter(l -> l.contains("03-01-08-01-02-02-11.wav")).findFirst().orElseThrow();
        String[] cells = speech.trim().split("\\s+");
        assertFalse(cells[1].equals("no_speech"), speech);
        assertTrue(Double.parseDouble(cells[2]) > 0, speech);
    }

    @Test
    void segmentsWithoutSpeechHaveNoEmotionInJsonLinesAndTable() throws IOException {
        Cli jsonl = Cli.run("predict", "--model", model.toString(), "--format", "jsonl", "--segments",
                silence.toString(), SPEECH.toString());
        assertEquals(0, jsonl.exitCode(), jsonl.toString());
        List<String> lines = jsonl.out().lines().toList();
        assertEquals(2, lines.size(), jsonl.out());
        JsonNode silent = JSON.readTree(lines.get(0));
        assertEquals("no_speech", silent.get("emotion").asText());
        assertEquals(1, silent.get("segments").size(), lines.get(0));
        JsonNode gap = silent.get("segments").get(0);
        assertFalse(gap.get("speech").asBoolean());
        assertFalse(gap.has("emotion") || gap.has("confidence") || gap.has("all_scores"), lines.get(0));
        assertEquals(2.0, gap.get("end_s").asDouble(), 1e-9);
        JsonNode spoken = JSON.readTree(lines.get(1));
        assertTrue(spoken.get("speech").asBoolean());
        assertTrue(spoken.get("all_scores").has(spoken.get("emotion").asText()), lines.get(1));
        boolean anySpeech = false;
        for (JsonNode s : spoken.get("segments")) {
            if (s.get("speech").asBoolean()) {
                anySpeech = true;
                assertTrue(spoken.get("all_scores").has(s.get("emotion").asText()), s.toString());
            } else {
                assertFalse(s.has("emotion"), s.toString());
            }
        }
        assertTrue(anySpeech, lines.get(1));

        Cli table = Cli.run("predict", "--model", model.toString(), "--format", "table", "--segments",
                silence.toString());
        assertEquals(0, table.exitCode(), table.toString());
        assertTrue(table.out().lines().anyMatch(l -> l.matches("\\s+0\\.00-\\s+2\\.00 s no_speech\\s+-")),
                table.out());
        assertFalse(table.out().contains("null"), table.out());
    }

    /** A bad file still makes the exit code 1; the silent clip next to it is answered, as any other. */
    @Test
    void noSpeechIsAnAnswerNotAnError() throws IOException {
        Path bad = dir.resolve("bad.wav");
        Files.writeString(bad, "not audio");
        Cli r = Cli.run("predict", "--model", model.toString(), "--format", "jsonl", bad.toString(),
                noise.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("bad.wav") && r.err().contains("1 of 2 file(s) failed"), r.err());
        assertEquals("no_speech", JSON.readTree(r.out()).get("emotion").asText());
    }

    @Test
    void csvAndSummaryFormatsLayOutTheTimeline() throws IOException {
        Cli csv = Cli.run("predict", "--model", model.toString(), "--format", "csv", "--segments",
                silence.toString(), SPEECH.toString());
        assertEquals(0, csv.exitCode(), csv.toString());
        List<String> lines = csv.out().lines().toList();
        assertTrue(lines.get(0).startsWith("file,start_s,end_s,speech,emotion,confidence,"), lines.get(0));
        List<String> header = List.of(lines.get(0).split(","));
        List<String> classes = header.subList(6, header.size());
        assertTrue(classes.size() >= 2, lines.get(0));
        int speechRows = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(6 + classes.size(), cells.length, line);
            if (cells[0].endsWith("silence.wav")) {
                assertEquals("false", cells[3], line);
                assertEquals("", cells[4], "a stretch without speech has no emotion: " + line);
            } else if (cells[3].equals("true")) {
                speechRows++;
                assertTrue(classes.contains(cells[4]), line);
                double sum = 0;
                for (int c = 0; c < classes.size(); c++) {
                    sum += Double.parseDouble(cells[6 + c]);
                }
                assertEquals(1.0, sum, 1e-6, line);
            }
        }
        assertTrue(speechRows >= 1, csv.out());

        Cli summary = Cli.run("predict", "--model", model.toString(), "--format", "summary", "--segments",
                SPEECH.toString());
        assertEquals(0, summary.exitCode(), summary.toString());
        JsonNode s = JSON.readTree(summary.out());
        assertTrue(classes.contains(s.get("dominant").asText()), summary.out());
        double shares = 0;
        for (JsonNode v : s.get("share")) {
            shares += v.asDouble();
        }
        assertEquals(1.0, shares, 1e-9, summary.out());
        assertTrue(s.get("speech_s").asDouble() > 0.5
                && s.get("speech_s").asDouble() <= s.get("duration_s").asDouble(), summary.out());

        Cli smoothed = Cli.run("predict", "--model", model.toString(), "--format", "summary", "--segments",
                "--smooth", "2", SPEECH.toString());
        assertEquals(0, smoothed.exitCode(), smoothed.toString());
        assertEquals(s.get("speech_s").asDouble(), JSON.readTree(smoothed.out()).get("speech_s").asDouble(), 0,
                "smoothing changes emotions, never the timeline: " + smoothed.out() + " vs " + summary.out());
        assertEquals(2, Cli.run("predict", "--smooth", "2", SPEECH.toString()).exitCode(), "--smooth needs --segments");

        Cli noSegments = Cli.run("predict", "--model", model.toString(), "--format", "summary", SPEECH.toString());
        assertEquals(2, noSegments.exitCode(), noSegments.toString());
        assertTrue(noSegments.err().contains("add --segments"), noSegments.err());
    }

    @Test
    void plotDrawsTheTimelineAsPngOrSvg() throws IOException {
        Path png = dir.resolve("timeline.png");
        Cli r = Cli.run("predict", "--model", model.toString(), "--segments", "--format", "jsonl", "--plot",
                png.toString(), SPEECH.toString());
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode p = JSON.readTree(r.out());
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(TimelinePlot.WIDTH, image.getWidth());
        assertEquals(TimelinePlot.HEIGHT, image.getHeight());
        // the middle of each segment, in the timeline band, has its colour: the emotion's, or grey without speech
        List<String> classes = new java.util.ArrayList<>();
        JSON.readTree(r.out()).get("all_scores").fieldNames().forEachRemaining(classes::add);
        double scale = (TimelinePlot.WIDTH - 40) / p.get("duration_s").asDouble();
        for (JsonNode s : p.get("segments")) {
            double from = s.get("start_s").asDouble();
            double to = s.get("end_s").asDouble();
            if ((to - from) * scale < 6) {
                continue; // too narrow to sample safely
            }
            int x = 20 + (int) Math.round((from + to) / 2 * scale);
            java.awt.Color expected = s.get("speech").asBoolean()
                    ? TimelinePlot.colourOf(s.get("emotion").asText(), classes) : TimelinePlot.NO_SPEECH;
            assertEquals(expected.getRGB(), image.getRGB(x, 160), "segment " + s);
        }

        Path svg = dir.resolve("timeline.svg");
        Cli vector = Cli.run("predict", "--model", model.toString(), "--segments", "--plot", svg.toString(),
                SPEECH.toString());
        assertEquals(0, vector.exitCode(), vector.toString());
        String text = Files.readString(svg);
        assertTrue(text.contains("<svg") && text.contains("<rect"), text.substring(0, Math.min(300, text.length())));

        Cli twoFiles = Cli.run("predict", "--model", model.toString(), "--segments", "--plot", png.toString(),
                SPEECH.toString(), silence.toString());
        assertEquals(2, twoFiles.exitCode(), twoFiles.toString());
        assertTrue(twoFiles.err().contains("one recording"), twoFiles.err());
    }

    @Test
    void aFolderWithoutAudioIsNamedNotSkipped() throws IOException {
        Path looksLikeAFile = Files.createDirectories(dir.resolve("empty.wav"));
        Path notes = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notes.resolve("readme.txt"), "no audio here");
        Cli r = Cli.run("predict", "--model", model.toString(), SPEECH.toString(), looksLikeAFile.toString(),
                notes.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: no audio files in folders [") && r.err().contains("empty.wav")
                && r.err().contains("notes") && r.err().contains(".flac"), r.err());
        assertEquals("", r.out());
    }

    /** selftest's synthetic clip is speech to the predictor, so selftest really runs features and model. */
    @Test
    void theSelftestClipHoldsSpeech() throws IOException {
        Signal clip = AudioReader.read(SelfTestCommand.syntheticWav(), "selftest.wav", 16000);
        SpeechPresence.Verdict v = SpeechPresence.of(clip);
        assertTrue(v.speech(), v.toString());
        assertTrue(v.speechSeconds() > 1.0, v.toString());
    }
}
