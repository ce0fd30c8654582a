package org.ser4j.models.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.Signal;
import org.ser4j.data.ContentHashes;
import org.ser4j.data.Utterance;
import org.ser4j.data.corpus.Corpora;
import org.ser4j.data.labels.LabelMap;
import org.ser4j.data.split.Fold;
import org.ser4j.data.split.Protocol;
import org.ser4j.data.table.FeatureTable;
import org.ser4j.data.table.FeatureTableBuilder;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.features.FeatureSets;
import org.ser4j.io.SharedPaths;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.Prediction;
import org.ser4j.models.Predictor;
import org.ser4j.models.SegmentSource;
import org.ser4j.models.adaptation.Grouping;
import org.ser4j.models.classical.ModelType;
import org.ser4j.models.report.HtmlReport;

/**
 * The whole pipeline on a small real subset: four RAVDESS actors (two female, two male), four emotions, seed
 * features, speaker 2-fold cross-validation, a bundle, and predictions from audio through the loaded bundle.
 */
class RealSubsetTest {
    @TempDir
    Path dir;

    @Test
    void trainEvaluateBundleAndPredictOnRealSpeech() throws Exception {
        Set<String> actors = Set.of("ravdess:01", "ravdess:02", "ravdess:03", "ravdess:04");
        List<Utterance> loaded = Corpora.load(SharedPaths.datasets().resolve("ravdess")).utterances().stream()
                .filter(u -> actors.contains(u.speaker())).toList();
        LabelMap map = LabelMap.parse("calm=exclude\nfearful=exclude\ndisgust=exclude\nsurprised=exclude\n",
                "four emotions");
        LabelMap.Selection selection = map.select(loaded);
        FeatureExtractor extractor = FeatureSets.extractor(FeatureSets.defaultSpec("seed"));
        ContentHashes hashes = new ContentHashes();
        FeatureTable table = new FeatureTableBuilder(extractor).threads(2).quiet(true).hashes(hashes)
                .build(selection.utterances());
        ExperimentData data = ExperimentData.of(table, selection, extractor.spec(), Map.of());
        Protocol protocol = Protocol.speakerKFold(2, 42);
        List<Fold> folds = protocol.folds(data.utterances(), hashes);

        ExperimentSettings settings = ExperimentSettings.defaults(ModelType.SVM_RBF).withSeedAndThreads(42, 2)
                .withModelName("ravdess-subset", "0.1");
        ExperimentResult result = new Experiment(settings, s -> { }).run(data, folds, protocol.description());

        // 4 actors x (4 neutral + 3 x 8): 112 clips; calm, fearful, disgust and surprised (4 x 4 x 8) excluded.
        assertEquals(112, result.evaluation().n());
        assertEquals(128, result.evaluation().excluded());
        assertEquals(List.of("neutral", "happy", "sad", "angry"), data.classes());
        // Chance is 0.25. Trained on two actors and tested on two others, the model is weak but must be better than
        // chance: the bootstrap interval of its unweighted accuracy has to lie above 0.25.
        assertTrue(result.evaluation().unweightedAccuracyCi().lower() > 0.25,
                "UA " + result.evaluation().unweightedAccuracy() + " " + result.evaluation().unweightedAccuracyCi());

        Path bundleFile = dir.resolve("subset.ser4j");
        result.bundle().save(bundleFile);
        assertTrue(Files.size(bundleFile) < 2_000_000, "bundle " + Files.size(bundleFile) + " bytes");
        ModelBundle loadedBundle = ModelBundle.load(bundleFile);
        assertTrue(loadedBundle.provenance().licences().contains("CC BY-NC-SA 4.0"));
        assertEquals(64, loadedBundle.provenance().corpora().get(0).fileListSha256().length());

        Signal clip = AudioReader.read(SharedPaths.samples().resolve("03-01-08-01-02-02-11.wav"),
                extractor.spec().sampleRate());
        Prediction fresh = new Predictor(result.bundle()).predict(clip);
        Prediction reloaded = new Predictor(loadedBundle).predict(clip, SegmentSource.fixedWindows(1.5, 1.0));
        assertArrayEquals(fresh.allScores().values().stream().mapToDouble(Double::doubleValue).toArray(),
                reloaded.allScores().values().stream().mapToDouble(Double::doubleValue).toArray(), 0.0);
        assertEquals(1.0, reloaded.allScores().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        assertTrue(reloaded.segments().size() >= 2);

        // The bundle on two unseen actors, labelled with RAVDESS's own 8 classes: the 4 the model does not know
        // (calm, fearful, disgust, surprised: 4 x 8 clips per actor) are excluded, the other 28 per actor evaluated.
        Set<String> unseen = Set.of("ravdess:05", "ravdess:06");
        LabelMap.Selection other = LabelMap.named("ravdess").select(Corpora.load(SharedPaths.datasets()
                .resolve("ravdess")).utterances().stream().filter(u -> unseen.contains(u.speaker())).toList());
        FeatureTable otherTable = new FeatureTableBuilder(extractor).threads(2).quiet(true).build(other.utterances());
        BundleEvaluation transfer = BundleEvaluation.of(loadedBundle,
                ExperimentData.of(otherTable, other, extractor.spec(), Map.of()), Grouping.NONE, 200,
                1);
        assertEquals(56, transfer.evaluation().n());
        assertEquals(64, transfer.evaluation().excluded());
        assertEquals(Set.of("ravdess:05", "ravdess:06"), transfer.evaluation().perSpeaker().keySet());

        Path report = dir.resolve("report.html");
        HtmlReport.of("RAVDESS subset", result).write(report);
        assertTrue(Files.readString(report).contains("ravdess-subset"));
    }
}
