package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.io.SharedPaths;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.Provenance;

/**
 * A deep model through the CLI end to end (train -> bundle -> inspect -> predict) on three EMO-DB speakers: the
 * smallest network (transformer), two epochs, so it runs in seconds on CPU with the DJL engine loaded offline.
 */
class DeepTrainingCliTest {
    @TempDir
    Path dir;

    @Test
    void transformerTrainsAndPredictsThroughTheCli() throws IOException {
        Path csv = EmoDbSubset.csv(dir, "three", Set.of("03", "08", "09"));
        Path model = dir.resolve("t.ser4j");
        Cli train = Cli.run("train", "--data", csv.toString(), "--labels", "emodb", "--protocol", "split",
                "--test-speakers", "three:09", "--model", "transformer", "--epochs", "2", "--augment", "none",
                "--schedule", "plateau", "--dropout", "0.2", "--weight-decay", "0.001", "--out", model.toString(), "--report", dir.resolve("t.html").toString(), "--quiet");
        assertEquals(0, train.exitCode(), train.toString());
        assertTrue(train.err().contains("result: UA"), train.err());
        assertTrue(Files.readString(dir.resolve("t.html")).contains("data:image/png;base64,"));

        Provenance provenance = ModelBundle.load(model).provenance();
        assertEquals("plateau", provenance.options().get("schedule"));
        assertEquals(0.2, provenance.hyperParameters().get("dropout", Double.NaN), 1e-6);
        assertEquals(0.001, provenance.hyperParameters().get("weight_decay", Double.NaN), 1e-12);
        assertEquals(0.0005, provenance.hyperParameters().get("learning_rate", Double.NaN), 1e-12, "the transformer's own rate");

        Cli inspect = Cli.run("inspect", model.toString());
        assertEquals(0, inspect.exitCode(), inspect.toString());
        assertTrue(inspect.out().contains("transformer"), inspect.out());

        Cli predict = Cli.run("predict", "--model", model.toString(),
                SharedPaths.datasets().resolve("emodb/wav/14a01Wa.flac").toString());
        assertEquals(0, predict.exitCode(), predict.toString());
        JsonNode p = new ObjectMapper().readTree(predict.out());
        double sum = 0;
        for (JsonNode v : p.get("all_scores")) {
            sum += v.asDouble();
        }
        assertEquals(1.0, sum, 1e-6);
        assertEquals(7, p.get("all_scores").size());
    }

    @Test
    void deepTrainingOptionsAreRefusedForClassicalModelsAndCheckedForDeepOnes() throws IOException {
        Path csv = EmoDbSubset.csv(dir, "three", Set.of("03", "08", "09"));
        Cli classical = Cli.run("train", "--data", csv.toString(), "--labels", "emodb", "--model", "svm",
                "--schedule", "plateau", "--dropout", "0.2", "--json", dir.resolve("x.json").toString());
        assertEquals(2, classical.exitCode(), classical.toString());
        assertTrue(classical.err().contains("--schedule, --dropout apply to deep models"), classical.err());
        Cli unknownHyper = Cli.run("train", "--data", csv.toString(), "--labels", "emodb", "--model", "svm",
                "--hyper", "foo=1", "--json", dir.resolve("x.json").toString());
        assertEquals(2, unknownHyper.exitCode(), unknownHyper.toString());
        assertTrue(unknownHyper.err().contains("--hyper foo: not a hyper-parameter of svm-rbf (it has C, gamma)"),
                unknownHyper.err());
        Cli deepHyper = Cli.run("train", "--data", csv.toString(), "--labels", "emodb", "--model", "cnn",
                "--hyper", "C=1", "--json", dir.resolve("x.json").toString());
        assertEquals(2, deepHyper.exitCode(), deepHyper.toString());
        assertTrue(deepHyper.err().contains("--hyper applies to classical models"), deepHyper.err());
        for (String[] bad : new String[][] {{"--schedule", "step"}, {"--dropout", "1"}, {"--weight-decay", "-1"},
            {"--lr", "0"}}) {
            Cli r = Cli.run("train", "--data", csv.toString(), "--labels", "emodb", "--model", "cnn", bad[0], bad[1],
                    "--json", dir.resolve("x.json").toString());
            assertEquals(2, r.exitCode(), r.toString());
            assertTrue(r.err().contains(bad[0] + " must be"), r.err());
        }
    }
}
