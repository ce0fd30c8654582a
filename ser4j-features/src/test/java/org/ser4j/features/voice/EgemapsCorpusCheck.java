package org.ser4j.features.voice;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.ser4j.audio.AudioReader;
import org.ser4j.features.FeatureSets;
import org.ser4j.io.SharedPaths;

/**
 * Checks on the shared corpora that the eGeMAPS functionals behave as the literature says (e.g. Banse &amp; Scherer
 * 1996; Eyben et al. 2016): per speaker, mean F0 and loudness are higher for angry and happy speech than for sad
 * and neutral speech. Reads about 3000 files (a few minutes), so it runs only on request:
 * {@code mvn -o -pl ser4j-features test -Dtest=EgemapsCorpusCheck -Dser4j.corpus=true}. Writes the per-speaker table
 * (Markdown) to {@code <build dir>/egemaps-corpus.md}; docs/egemaps.md shows it.
 */
@EnabledIfSystemProperty(named = "ser4j.corpus", matches = "true")
class EgemapsCorpusCheck {
    private static final List<String> EMOTIONS = List.of("angry", "happy", "neutral", "sad");
    private static final String F0 = "F0semitoneFrom27.5Hz_sma3nz_amean";
    private static final String LOUDNESS = "loudness_sma3_amean";

    /** Speaker key ("corpus speaker") and emotion of a file, or null when the emotion is not one of the four. */
    private record Label(String speaker, String emotion) {
    }

    @Test
    void arousedEmotionsHaveHigherPitchAndLoudnessPerSpeaker() throws IOException {
        Path datasets = SharedPaths.datasets();
        EgemapsSet.Extractor ex = (EgemapsSet.Extractor) FeatureSets.extractor(FeatureSets.defaultSpec("egemaps"));
        int f0Index = ex.names().indexOf(F0);
        int loudIndex = ex.names().indexOf(LOUDNESS);
        // speaker -> emotion -> {sum F0, sum loudness, count}
        Map<String, Map<String, double[]>> sums = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(datasets)) {
            files = walk.filter(p -> p.toString().endsWith(".flac")).sorted().toList();
        }
        long start = System.nanoTime();
        double audioSeconds = 0;
        for (Path file : files) {
            Label label = label(datasets.relativize(file));
            if (label == null) {
                continue;
            }
            var signal = AudioReader.read(file, 16000);
            audioSeconds += signal.durationSeconds();
            double[] v = ex.extract(signal);
            double[] acc = sums.computeIfAbsent(label.speaker, k -> new TreeMap<>())
                    .computeIfAbsent(label.emotion, k -> new double[3]);
            acc[0] += v[f0Index];
            acc[1] += v[loudIndex];
            acc[2]++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        StringBuilder md = new StringBuilder();
        md.append("| speaker | F0 st angry | happy | neutral | sad | loudness angry | happy | neutral | sad "
                + "| F0 A,H > N,S | loudness A,H > N,S |\n|---|");
        md.append("---:|".repeat(8)).append("---|---|\n");
        int speakers = 0;
        int f0Holds = 0;
        int loudHolds = 0;
        int f0PairMeans = 0;
        int loudPairMeans = 0;
        for (var e : sums.entrySet()) {
            Map<String, double[]> byEmotion = e.getValue();
            if (!byEmotion.keySet().containsAll(EMOTIONS)) {
                continue;
            }
            speakers++;
            md.append("| ").append(e.getKey());
            for (int q = 0; q < 2; q++) {
                for (String emo : EMOTIONS) {
                    double[] acc = byEmotion.get(emo);
                    md.append(String.format(Locale.ROOT, " | %.2f", acc[q] / acc[2]));
                }
            }
            boolean f0 = aroused(byEmotion, 0);
            boolean loud = aroused(byEmotion, 1);
            f0PairMeans += pairMeansOrdered(byEmotion, 0) ? 1 : 0;
            loudPairMeans += pairMeansOrdered(byEmotion, 1) ? 1 : 0;
            f0Holds += f0 ? 1 : 0;
            loudHolds += loud ? 1 : 0;
            md.append(" | ").append(f0 ? "yes" : "**no**").append(" | ").append(loud ? "yes" : "**no**").append(" |\n");
        }
        md.append(String.format(Locale.ROOT, "%nmin(angry, happy) > max(neutral, sad): F0 for %d of %d speakers, "
                + "loudness for %d of %d.%nmean(angry, happy) > mean(neutral, sad): F0 for %d of %d speakers, loudness "
                + "for %d of %d.%n%.0f s of audio in %.0f s (decoding included).%n", f0Holds, speakers, loudHolds,
                speakers, f0PairMeans, speakers, loudPairMeans, speakers, audioSeconds, seconds));
        Path out = Paths.get(System.getProperty("ser4j.buildDir", "target"), "egemaps-corpus.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println(md);
        assertTrue(f0Holds >= 0.8 * speakers, "F0 ordering for " + f0Holds + " of " + speakers);
        assertTrue(loudHolds >= 0.8 * speakers, "loudness ordering for " + loudHolds + " of " + speakers);
    }

    /** Whether min(angry, happy) exceeds max(neutral, sad) for quantity q (0 = F0, 1 = loudness). */
    private static boolean aroused(Map<String, double[]> byEmotion, int q) {
        double angry = mean(byEmotion.get("angry"), q);
        double happy = mean(byEmotion.get("happy"), q);
        double neutral = mean(byEmotion.get("neutral"), q);
        double sad = mean(byEmotion.get("sad"), q);
        return Math.min(angry, happy) > Math.max(neutral, sad);
    }

    /** Whether the mean of angry and happy exceeds the mean of neutral and sad for quantity q. */
    private static boolean pairMeansOrdered(Map<String, double[]> byEmotion, int q) {
        return mean(byEmotion.get("angry"), q) + mean(byEmotion.get("happy"), q)
                > mean(byEmotion.get("neutral"), q) + mean(byEmotion.get("sad"), q);
    }

    private static double mean(double[] acc, int q) {
        return acc[q] / acc[2];
    }

    /** The speaker and emotion from each corpus's file naming (datasets/README.md). */
    private static Label label(Path rel) {
        String corpus = rel.getName(0).toString();
        String name = rel.getFileName().toString().replace(".flac", "");
        String emotion;
        String speaker;
        switch (corpus) {
            case "ravdess" -> {
                String[] f = name.split("-");
                emotion = switch (f[2]) {
                    case "01" -> "neutral";
                    case "03" -> "happy";
                    case "04" -> "sad";
                    case "05" -> "angry";
                    default -> null;
                };
                speaker = "RAVDESS " + f[6];
            }
            case "emodb" -> {
                emotion = switch (name.charAt(5)) {
                    case 'W' -> "angry";
                    case 'F' -> "happy";
                    case 'N' -> "neutral";
                    case 'T' -> "sad";
                    default -> null;
                };
                speaker = "EMO-DB " + name.substring(0, 2);
            }
            case "tess" -> {
                String[] f = name.split("_");
                emotion = List.of("angry", "happy", "neutral", "sad").contains(f[f.length - 1]) ? f[f.length - 1]
                        : null;
                speaker = "TESS " + rel.getName(1).toString().substring(0, 3);
            }
            case "crema-d" -> {
                String[] f = name.split("_");
                emotion = switch (f[2]) {
                    case "ANG" -> "angry";
                    case "HAP" -> "happy";
                    case "NEU" -> "neutral";
                    case "SAD" -> "sad";
                    default -> null;
                };
                speaker = "CREMA-D " + f[0];
            }
            default -> {
                return null;
            }
        }
        return emotion == null ? null : new Label(speaker, emotion);
    }
}
