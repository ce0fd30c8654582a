package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.data.augment.ChannelRenderings;

/**
 * Classical training with augmented copies (training folds only), the robustness table over channel renderings, and
 * the options that do not apply refused as usage errors. On 24 real EMO-DB clips of four speakers, so it runs in
 * seconds.
 */
class ChannelRobustTrainingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Six clips of each of four EMO-DB speakers. */
    private Path smallCsv() throws IOException {
        Path all = EmoDbSubset.csv(dir, "all", Set.of("03", "08", "09", "10"));
        List<String> lines = Files.readAllLines(all);
        List<String> rows = new ArrayList<>(List.of(lines.get(0)));
        for (String speaker : List.of("03", "08", "09", "10")) {
            lines.stream().skip(1).filter(l -> l.endsWith("," + speaker + ",male") || l.endsWith("," + speaker
                    + ",female")).filter(l -> !l.contains(",boredom,")).limit(6).forEach(rows::add);
        }
        Path csv = dir.resolve("small.csv");
        Files.write(csv, rows);
        return csv;
    }

    @Test
    void augmentedCopiesJoinTheTrainingFoldsAndTheBundleRecordsThem() throws IOException {
        Path model = dir.resolve("m.ser4j");
        Path json = dir.resolve("m.json");
        Cli r = Cli.run("train", "--data", smallCsv().toString(), "--labels", "emodb", "--protocol", "kfold-speaker",
                "--folds", "2", "--features", "seed", "--model", "logreg", "--augment", "gain=-6:6, noise=white:20:30",
                "--copies", "2", "--out", model.toString(), "--json", json.toString(), "--threads", "2",
                "--no-cache", "--quiet");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode folds = JSON.readTree(json.toFile()).get("folds");
        int clips = 0;
        for (JsonNode fold : folds) {
            clips += fold.get("test_size").asInt();
        }
        assertEquals(24, clips, "every clip is tested once, without copies");
        for (JsonNode fold : folds) {
            assertEquals(3 * (24 - fold.get("test_size").asInt()), fold.get("train_size").asInt(),
                    "each training clip brings its two copies");
        }
        Cli inspect = Cli.run("inspect", model.toString());
        assertTrue(inspect.out().contains("augmentation") && inspect.out().contains("2 copies per clip"),
                inspect.out());
        assertTrue(inspect.out().contains("audio path"), inspect.out());
    }

    @Test
    void robustnessReportsEveryChannelRendering() throws IOException {
        Path json = dir.resolve("r.json");
        Path report = dir.resolve("r.html");
        Cli r = Cli.run("train", "--data", smallCsv().toString(), "--labels", "emodb", "--protocol", "kfold-speaker",
                "--folds", "2", "--features", "seed", "--model", "logreg", "--robustness", "--json", json.toString(),
                "--report", report.toString(), "--threads", "2", "--no-cache", "--quiet");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode rows = JSON.readTree(json.toFile()).get("robustness");
        assertEquals(ChannelRenderings.STANDARD.size(), rows.size());
        for (JsonNode row : rows) {
            assertEquals(24, row.get("n").asInt(), row.toString());
            double agreement = row.get("agreement").asDouble();
            assertTrue(agreement >= 0 && agreement <= 1, row.toString());
            assertTrue(row.get("mean_jsd").asDouble() >= 0, row.toString());
        }
        String html = Files.readString(report);
        assertTrue(html.contains("Robustness") && html.contains("MP3 128 kbit/s"), "the report has the table");
    }

    @Test
    void optionsThatDoNotApplyAreUsageErrors() throws IOException {
        String csv = smallCsv().toString();
        String out = dir.resolve("never.json").toString();
        Cli copiesAlone = Cli.run("train", "--data", csv, "--labels", "emodb", "--features", "seed", "--model",
                "logreg", "--copies", "2", "--json", out, "--no-cache", "--quiet");
        assertEquals(2, copiesAlone.exitCode(), copiesAlone.toString());
        assertTrue(copiesAlone.err().contains("--copies needs --augment"), copiesAlone.err());
        Cli unknownParam = Cli.run("train", "--data", csv, "--labels", "emodb", "--features", "full", "--model",
                "logreg", "--param", "no_such=1", "--json", out, "--no-cache", "--quiet");
        assertEquals(2, unknownParam.exitCode(), unknownParam.toString());
        assertTrue(unknownParam.err().contains("no_such"), unknownParam.err());
        Cli deepRobustness = Cli.run("train", "--data", csv, "--labels", "emodb", "--model", "cnn", "--robustness",
                "--json", out, "--no-cache", "--quiet");
        assertEquals(2, deepRobustness.exitCode(), deepRobustness.toString());
        assertTrue(deepRobustness.err().contains("--robustness applies to classical models"), deepRobustness.err());
        Cli badStep = Cli.run("train", "--data", csv, "--labels", "emodb", "--features", "seed", "--model", "logreg",
                "--augment", "codec=flac:32", "--json", out, "--no-cache", "--quiet");
        assertTrue(badStep.err().contains("codec=flac:32"), badStep.err());
        assertEquals(2, badStep.exitCode(), badStep.toString());
        assertTrue(!Files.exists(Path.of(out)), "nothing was written");
    }
}
