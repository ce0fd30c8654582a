package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.Signal;
import org.ser4j.audio.WavWriter;
import org.ser4j.io.SharedPaths;

/**
 * Adaptation to the speaker through the real CLI, with small real models (seed features, logistic regression on
 * four EMO-DB speakers): {@code train --adaptation relative|plain} reports its curve and skewed sessions;
 * {@code predict --adapt folder|speaker} answers each clip with its group's statistics and says so in the JSON,
 * leaving a silent clip out of them; {@code evaluate --adapt}; and the usage errors of options that do not apply.
 */
class AdaptationCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EMODB = SharedPaths.datasets().resolve("emodb");

    @TempDir
    static Path dir;
    static Path csv;
    static Path relative;
    static Path plain;
    /** Six clips of EMO-DB speaker 03 and a silent clip. */
    static Path speakerFolder;

    @BeforeAll
    static void train() throws IOException {
        csv = EmoDbSubset.csv(dir, "four", Set.of("03", "08", "09", "10"));
        relative = dir.resolve("relative.ser4j");
        plain = dir.resolve("plain.ser4j");
        for (String method : List.of("relative", "plain")) {
            Cli r = Cli.run("train", "--data", csv.toString(), "--labels", "emodb", "--protocol", "kfold-speaker",
                    "--folds", "2", "--features", "seed", "--model", "logreg", "--adaptation", method,
                    "--licence", "four=CC BY 4.0", "--out", dir.resolve(method + ".ser4j").toString(),
                    "--json", dir.resolve(method + ".json").toString(), "--report",
                    dir.resolve(method + ".html").toString(), "--threads", "2", "--no-cache", "--quiet");
            assertEquals(0, r.exitCode(), r.toString());
        }
        speakerFolder = Files.createDirectories(dir.resolve("speaker03"));
        try (Stream<Path> files = Files.list(EMODB.resolve("wav"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("03")).sorted().limit(6).toList()) {
                Files.copy(f, speakerFolder.resolve(f.getFileName()));
            }
        }
        WavWriter.write(new Signal(new float[2 * 16000], 16000, "silence"), speakerFolder.resolve("silence.wav"));
    }

    @Test
    void trainingReportsAccuracyByClipsSeenAndOnSkewedSessions() throws IOException {
        JsonNode adaptation = JSON.readTree(dir.resolve("relative.json").toFile()).get("adaptation");
        assertEquals("relative", adaptation.get("method").asText());
        List<String> names = new ArrayList<>();
        adaptation.get("scenarios").forEach(s -> names.add(s.get("name").asText()));
        assertTrue(names.containsAll(List.of("after 1 clips", "after 5 clips", "whole session", "75 % neutral",
                "75 % angry", "balanced")), names.toString());
        for (JsonNode s : adaptation.get("scenarios")) {
            assertTrue(s.get("adapted_ua").asDouble() > 0 && s.get("single_clip_ua").asDouble() > 0, s.toString());
        }
        String html = Files.readString(dir.resolve("relative.html"));
        assertTrue(html.contains("Adaptation to the speaker (relative)"), "the report has the adaptation table");
        // Plain standardisation cannot answer a speaker's first clip: its curve starts at 3 clips.
        JsonNode plainScenarios = JSON.readTree(dir.resolve("plain.json").toFile()).get("adaptation").get("scenarios");
        assertEquals("after 3 clips", plainScenarios.get(0).get("name").asText());

        Cli inspect = Cli.run("inspect", relative.toString());
        assertEquals(0, inspect.exitCode(), inspect.toString());
        assertTrue(inspect.out().contains("adaptation   relative"), inspect.out());
        assertTrue(inspect.out().contains("after 5 clips"), inspect.out());
    }

    @Test
    void predictAdaptsEachClipToItsFolderAndLeavesSilenceOutOfTheStatistics() throws IOException {
        Cli r = Cli.run("predict", "--model", relative.toString(), "--adapt", "folder", "--format", "jsonl",
                speakerFolder.toString());
        assertEquals(0, r.exitCode(), r.toString());
        List<JsonNode> answers = lines(r.out());
        assertEquals(7, answers.size());
        for (JsonNode p : answers) {
            JsonNode a = p.get("adaptation");
            assertEquals("folder", a.get("mode").asText(), p.toString());
            assertEquals(speakerFolder.toAbsolutePath().normalize().toString(), a.get("group").asText());
            assertEquals(6, a.get("clips").asInt(), "six clips with speech; the silent one is not counted");
        }
        assertEquals(1, answers.stream().filter(p -> p.get("emotion").asText().equals("no_speech")).count());

        Path clip = speakerFolder.resolve(Files.list(speakerFolder).map(f -> f.getFileName().toString())
                .filter(n -> n.endsWith(".flac")).sorted().findFirst().orElseThrow());
        Cli single = Cli.run("predict", "--model", relative.toString(), clip.toString());
        assertEquals(0, single.exitCode(), single.toString());
        JsonNode alone = JSON.readTree(single.out()).get("adaptation");
        assertEquals("none", alone.get("mode").asText());
        assertEquals(0, alone.get("clips").asInt());
    }

    @Test
    void predictBySpeakerGroupsACorpusFolderByItsSpeakers() throws IOException {
        Cli r = Cli.run("predict", "--model", relative.toString(), "--adapt", "speaker", "--format", "jsonl",
                "--quiet", EMODB.toString());
        assertEquals(0, r.exitCode(), r.err());
        Map<String, Integer> clipsPerSpeaker = new HashMap<>();
        Map<String, Integer> statedClips = new HashMap<>();
        for (JsonNode p : lines(r.out())) {
            String speaker = p.get("adaptation").get("group").asText();
            assertEquals("speaker", p.get("adaptation").get("mode").asText());
            clipsPerSpeaker.merge(speaker, 1, Integer::sum);
            statedClips.put(speaker, p.get("adaptation").get("clips").asInt());
            String file = Path.of(p.get("file").asText()).getFileName().toString();
            assertEquals("emodb:" + file.substring(0, 2), speaker, "EMO-DB names its speaker in the first digits");
        }
        try (Stream<Path> files = Files.list(EMODB.resolve("wav"))) {
            assertEquals(files.map(f -> f.getFileName().toString().substring(0, 2)).distinct().count(),
                    clipsPerSpeaker.size(), "one group per speaker of the folder");
        }
        assertEquals(clipsPerSpeaker, statedClips, "every clip of a speaker holds speech here");
    }

    @Test
    void aPlainModelNeedsGroupsAndOptionsThatDoNotApplyAreRefused() throws IOException {
        Path clip = SharedPaths.samples().resolve("03-01-08-01-02-02-11.wav");
        Cli alone = Cli.run("predict", "--model", plain.toString(), clip.toString());
        assertEquals(2, alone.exitCode(), alone.toString());
        assertTrue(alone.err().contains("--adapt folder"), alone.err());
        Cli notAdaptive = Cli.run("predict", "--adapt", "folder", clip.toString());
        assertEquals(2, notAdaptive.exitCode(), "the shipped default model does not adapt: " + notAdaptive);
        Cli grouped = Cli.run("predict", "--model", plain.toString(), "--adapt", "folder", "--format", "jsonl",
                speakerFolder.toString());
        assertEquals(0, grouped.exitCode(), grouped.toString());
        assertEquals(7, lines(grouped.out()).size());

        Cli corpus = Cli.run("predict", "--model", relative.toString(), "--adapt", "corpus", clip.toString());
        assertEquals(2, corpus.exitCode(), corpus.toString());
        Cli segments = Cli.run("predict", "--model", relative.toString(), "--adapt", "folder", "--segments",
                clip.toString());
        assertEquals(2, segments.exitCode(), segments.toString());
        Cli deep = Cli.run("train", "--data", csv.toString(), "--labels", "emodb", "--model", "cnn", "--adaptation",
                "relative", "--json", dir.resolve("x.json").toString());
        assertEquals(2, deep.exitCode(), deep.toString());
        assertTrue(deep.err().contains("--adaptation applies to classical models"), deep.err());
    }

    @Test
    void evaluateAdaptsToEachSpeakerOnlyWithAModelThatAdapts() throws IOException {
        Path json = dir.resolve("eval-speaker.json");
        Cli r = Cli.run("evaluate", "--model", relative.toString(), "--data", csv.toString(), "--labels", "emodb",
                "--adapt", "speaker", "--json", json.toString(), "--no-cache", "--quiet");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode metrics = JSON.readTree(json.toFile());
        assertTrue(metrics.get("unweighted_accuracy").asDouble() > 1.0 / 7, metrics.toString());
        Cli none = Cli.run("evaluate", "--model", plain.toString(), "--data", csv.toString(), "--labels", "emodb",
                "--json", dir.resolve("eval-none.json").toString(), "--no-cache", "--quiet");
        assertEquals(2, none.exitCode(), none.toString());
        assertTrue(none.err().contains("--adapt folder, speaker or corpus"), none.err());
        Path nonAdaptive = dir.resolve("static.ser4j");
        Cli train = Cli.run("train", "--data", csv.toString(), "--labels", "emodb", "--protocol", "kfold-speaker",
                "--folds", "2", "--features", "seed", "--model", "logreg", "--out", nonAdaptive.toString(),
                "--threads", "2", "--no-cache", "--quiet");
        assertEquals(0, train.exitCode(), train.toString());
        Cli refused = Cli.run("evaluate", "--model", nonAdaptive.toString(), "--data", csv.toString(), "--labels",
                "emodb", "--adapt", "speaker", "--no-cache", "--quiet");
        assertEquals(2, refused.exitCode(), refused.toString());
        assertFalse(refused.err().contains("Exception"), refused.err());
    }

    @Test
    void adaptTakesPopulationStatisticsFromUnlabelledAudioOfTheNewChannel() throws IOException {
        Path adapted = dir.resolve("adapted.ser4j");
        Cli r = Cli.run("adapt", "--model", relative.toString(), "--out", adapted.toString(), "--group", "none",
                "--name", "emodb-line", "--quiet", EMODB.resolve("wav").toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("population statistics from 408 unlabelled recordings"), r.err());
        org.ser4j.models.ModelBundle before = org.ser4j.models.ModelBundle.load(relative);
        org.ser4j.models.ModelBundle after = org.ser4j.models.ModelBundle.load(adapted);
        assertFalse(java.util.Arrays.equals(before.adaptation().orElseThrow().priorMean(),
                after.adaptation().orElseThrow().priorMean()), "the population statistics are the new audio's");
        assertEquals("emodb-line", after.provenance().name());
        assertTrue(after.provenance().options().get("adapted_to").toString().contains("408"));
        Cli inspect = Cli.run("inspect", adapted.toString());
        assertTrue(inspect.out().contains("adapted_to="), inspect.out());
        Cli predict = Cli.run("predict", "--model", adapted.toString(), EMODB.resolve("wav/03a01Fa.flac").toString());
        assertEquals(0, predict.exitCode(), predict.toString());

        Cli tooFew = Cli.run("adapt", "--model", relative.toString(), "--out", dir.resolve("few.ser4j").toString(),
                speakerFolder.toString());
        assertEquals(1, tooFew.exitCode(), tooFew.toString());
        assertTrue(tooFew.err().contains("at least 20"), tooFew.err());
        Cli plainModel = Cli.run("adapt", "--model", plain.toString(), "--out", dir.resolve("p.ser4j").toString(),
                speakerFolder.toString());
        assertEquals(2, plainModel.exitCode(), plainModel.toString());
    }

    private static List<JsonNode> lines(String out) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }
}
