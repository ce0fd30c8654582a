package org.ser4j.models.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.data.Emotion;
import org.ser4j.data.Gender;
import org.ser4j.data.Utterance;
import org.ser4j.models.Provenance;
import org.ser4j.models.calibration.ReliabilityDiagram;
import org.ser4j.models.classical.HyperParameters;
import org.ser4j.models.eval.Evaluation;

class HtmlReportTest {
    @TempDir
    Path dir;

    @Test
    void reportIsSelfContainedWithEmbeddedPlots() throws Exception {
        List<String> classes = List.of("angry", "happy", "neutral", "sad");
        int[] truth = {0, 0, 1, 1, 2, 2, 3, 3, 0, 1, 2, 3};
        int[] predicted = {0, 1, 1, 1, 2, 0, 3, 3, 0, 1, 2, 2};
        List<Utterance> items = new ArrayList<>();
        for (int i = 0; i < truth.length; i++) {
            items.add(new Utterance(Path.of(i + ".wav"), i < 6 ? "ravdess" : "tess", "spk" + (i % 3),
                    i % 2 == 0 ? Gender.FEMALE : Gender.MALE, Emotion.NEUTRAL, null));
        }
        Evaluation e = Evaluation.of(classes, truth, predicted, items, Map.of("emotion 'calm' not in label map", 2),
                100, 1);
        double[][] p = new double[truth.length][];
        for (int i = 0; i < p.length; i++) {
            p[i] = new double[4];
            Arrays.fill(p[i], 0.1);
            p[i][predicted[i]] = 0.7;
        }
        ReliabilityDiagram before = ReliabilityDiagram.of(p, truth);
        Provenance provenance = new Provenance("demo <model>", "1", "2024-01-01T00:00Z", "dev", "abc123",
                "svm-rbf", HyperParameters.of("C", 10), "seed v1", Provenance.corpora(items, Map.of()), "default",
                "speaker 5-fold", Map.of("class_weighting", "balanced"), Map.of("training", 42L), Map.of(),
                Map.of(), "ravdess: CC BY-NC-SA 4.0");
        Path file = dir.resolve("report.html");
        new HtmlReport("Test report").evaluation(e).calibration(before, before, 1.0).provenance(provenance)
                .write(file);
        String html = Files.readString(file);

        Matcher images = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int count = 0;
        while (images.find()) {
            byte[] png = Base64.getDecoder().decode(images.group(1));
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
            if (count == 0) {
                Files.write(dir.resolve("confusion.png"), png);
            }
            count++;
        }
        // confusion heat map, per-class bars, gender bars, reliability diagram
        assertEquals(4, count);
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script")
                || html.contains("<link"), "no external resources");
        assertTrue(html.contains("demo &lt;model&gt;"), "text is escaped");
        assertTrue(html.contains("CC BY-NC-SA 4.0"));
        assertTrue(html.contains("0.750"), "accuracy 9/12 shown");
    }

    @Test
    void misclassifiedClipsAreListedMostConfidentFirstWithAPlayer() throws Exception {
        List<String> classes = List.of("angry", "sad");
        Path clips = Files.createDirectories(dir.resolve("my clips"));
        List<Utterance> items = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Path clip = clips.resolve("c" + i + ".wav");
            Files.write(clip, new byte[] {'R', 'I', 'F', 'F', (byte) i});
            items.add(new Utterance(clip, "x", "spk" + i, Gender.FEMALE, Emotion.ANGRY, null));
        }
        int[] truth = {0, 0, 1, 1};
        // c0 right; c1 wrong at 0.6; c2 right; c3 wrong at 0.9
        double[][] p = {{0.8, 0.2}, {0.4, 0.6}, {0.3, 0.7}, {0.9, 0.1}};
        Evaluation e = Evaluation.of(classes, truth, Evaluation.argmax(p), items, Map.of(), 0, 1);
        Path file = dir.resolve("reports/r.html");
        new HtmlReport("errors").evaluation(e).misclassified(items, classes, truth, p).write(file);
        String html = Files.readString(file);
        assertTrue(html.contains("<h2>Misclassified clips</h2>"), html);
        int c3 = html.indexOf("<code>c3.wav</code>");
        int c1 = html.indexOf("<code>c1.wav</code>");
        assertTrue(c3 > 0 && c1 > c3, "c3 (0.900 sure) before c1 (0.600)");
        assertFalse(html.contains("<code>c0.wav</code>") || html.contains("<code>c2.wav</code>"), "right ones left out");
        assertTrue(html.contains("<td>spk3</td><td>sad</td><td>angry</td><td>0.900</td>"), html);
        assertTrue(html.contains("src=\"../my%20clips/c3.wav\""), "linked relative to the report");

        new HtmlReport("errors").evaluation(e).misclassified(items, classes, truth, p).embedAudio(true).write(file);
        String embedded = Files.readString(file);
        assertTrue(embedded.contains("src=\"data:audio/wav;base64," + Base64.getEncoder().encodeToString(
                new byte[] {'R', 'I', 'F', 'F', 3}) + "\""), "embedded");
    }
}
