package org.ser4j.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.data.sequence.SequenceSpec;
import org.ser4j.data.split.Fold;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.Prediction;
import org.ser4j.models.Predictor;

/** Training on small synthetic sets: learning, overfitting, evaluation, bundles, determinism, resume. */
class DeepTrainerTest {
    private static int[] speakerRows(DeepData data, int... speakers) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            for (int s : speakers) {
                if (data.utterances().get(i).speaker().equals("synthetic:" + s)) {
                    rows.add(i);
                }
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void lossDecreasesAndATinySetIsOverfitted() {
        DeepData data = Synthetic.data(2, 4, 1);
        // no dropout: nothing stops the network from memorising 24 clips
        DeepSettings settings = Synthetic.tiny(Architecture.CNN, 30)
                .withNetwork(Architecture.CNN.defaultConfig().shrink(2).withDropout(0f));
        DeepTrainer trainer = new DeepTrainer(settings, s -> { });
        int[] all = IntStream.range(0, data.size()).toArray();
        DeepTrainer.TrainedNetwork net = trainer.fit(data, new float[data.size()][][], all, new int[0], 30, "tiny");
        TrainingHistory h = net.history();
        assertEquals(30, h.size());
        double first = h.epochs().get(0).trainLoss();
        double last = h.epochs().get(h.size() - 1).trainLoss();
        assertTrue(last < first / 3, "loss " + first + " -> " + last);
        assertEquals(1.0, h.epochs().get(h.size() - 1).trainUa(), 1e-9);
        // and in inference mode (batch norm on running statistics, no dropout) it still knows every clip
        SequenceExtractor extractor = new SequenceExtractor(Synthetic.INPUT, net.normalizer());
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            double[] p = net.classifier().predictProba(extractor.extract(data.signals().get(i)));
            correct += org.ser4j.models.eval.Evaluation.argmax(new double[][] {p})[0] == data.labels()[i] ? 1 : 0;
        }
        assertEquals(data.size(), correct, "training clips recognised in inference mode");
        net.classifier().close(); // networks left to the garbage collector are freed on its finalizer thread
    }

    @Test
    void foldsAreEvaluatedAndTheBundlePredictsIdenticallyAfterSaveAndLoad(@TempDir Path dir) {
        DeepData data = Synthetic.data(4, 3, 2);
        Fold fold = new Fold("fold-1/1", speakerRows(data, 0, 1), speakerRows(data, 2), speakerRows(data, 3));
        DeepSettings settings = Synthetic.tiny(Architecture.BILSTM_ATTENTION, 8).withFinalModel(true, "tiny", "0.1");
        DeepResult result = new DeepTrainer(settings, s -> { }).train(data, List.of(fold), "one synthetic split");
        assertEquals(9, result.evaluation().n());
        assertEquals(1, result.folds().size());
        assertTrue(result.folds().get(0).bestEpoch() >= 1);
        ModelBundle bundle = result.bundle();
        assertNotNull(bundle);
        String html = DeepReport.of("tiny", result).render();
        assertTrue(html.contains("<h2>Training curves</h2>") && html.contains("data:image/png;base64,"));

        Path file = dir.resolve("tiny.ser4j");
        try {
            bundle.save(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ModelBundle loaded = ModelBundle.load(file);
        assertEquals(DeepModelKind.ID, loaded.manifest().modelKind());
        assertEquals(Synthetic.CLASSES, loaded.classes());
        assertEquals("deep-bilstm-attention", loaded.provenance().modelType());
        for (int i = 0; i < data.size(); i += 5) {
            Prediction before = new Predictor(bundle).predict(data.signals().get(i));
            Prediction after = new Predictor(loaded).predict(data.signals().get(i));
            double[] a = bundle.classifier().predictProba(bundle.featureExtractor().extract(data.signals().get(i)));
            double[] b = loaded.classifier().predictProba(loaded.featureExtractor().extract(data.signals().get(i)));
            // assertArrayEquals counts NaN as equal to NaN: a network gone NaN must not pass as reproducible
            assertTrue(java.util.Arrays.stream(a).allMatch(Double::isFinite), java.util.Arrays.toString(a));
            assertArrayEquals(a, b, 0.0, "identical probabilities after save and load");
            assertEquals(before.emotion(), after.emotion());
        }

        // an ensemble of the bundle with its reloaded copy averages two identical models: the same probabilities
        ModelBundle ensemble = EnsembleModelKind.bundle(List.of(bundle, loaded), bundle.provenance());
        Path ensembleFile = dir.resolve("ensemble.ser4j");
        try {
            ensemble.save(ensembleFile);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ModelBundle ensembleLoaded = ModelBundle.load(ensembleFile);
        assertEquals(EnsembleModelKind.ID, ensembleLoaded.manifest().modelKind());
        double[] single = new Predictor(bundle).probabilities(bundle.featureExtractor().extract(data.signals().get(0)));
        double[] averaged = new Predictor(ensembleLoaded).probabilities(
                ensembleLoaded.featureExtractor().extract(data.signals().get(0)));
        // members are reloaded from the ensemble's zip and their calibrated softmax runs in double: rounding only
        assertArrayEquals(single, averaged, 1e-9);
        ensemble.close(); // and with it its members, bundle and loaded
        ensembleLoaded.close();
    }

    @Test
    void thePlainLstmReadsMfccsWithDeltasAndLearnsTheTinySet() {
        assertEquals(SequenceSpec.Kind.MFCC_DELTA, DeepSettings.defaults(Architecture.LSTM).input().kind());
        DeepData data = Synthetic.data(2, 4, 1);
        SequenceSpec mfcc = SequenceSpec.MFCC_DELTA_DEFAULT.withFrames(80);
        DeepSettings settings = Synthetic.tiny(Architecture.LSTM, 40).withInput(mfcc)
                .withNetwork(Architecture.LSTM.defaultConfig().shrink(2).withDropout(0f));
        int[] all = IntStream.range(0, data.size()).toArray();
        DeepTrainer.TrainedNetwork net = new DeepTrainer(settings, s -> { })
                .fit(data, new float[data.size()][][], all, new int[0], 40, "tiny lstm");
        TrainingHistory h = net.history();
        double first = h.epochs().get(0).trainLoss();
        double last = h.epochs().get(h.size() - 1).trainLoss();
        assertTrue(last < first / 2, "loss " + first + " -> " + last);
        SequenceExtractor extractor = new SequenceExtractor(mfcc, net.normalizer());
        assertEquals(120, mfcc.channels(), "40 MFCCs, their deltas and delta-deltas");
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            double[] p = net.classifier().predictProba(extractor.extract(data.signals().get(i)));
            correct += org.ser4j.models.eval.Evaluation.argmax(new double[][] {p})[0] == data.labels()[i] ? 1 : 0;
        }
        assertTrue(correct >= data.size() - 2, correct + " of " + data.size() + " training clips recognised");
        net.classifier().close();
    }

    @Test
    void anInterruptedRunResumesFromItsCheckpoint(@TempDir Path dir) {
        DeepData data = Synthetic.data(2, 2, 4);
        int[] all = IntStream.range(0, data.size()).toArray();
        DeepSettings settings = Synthetic.tiny(Architecture.TRANSFORMER, 5).withCheckpointDir(dir);
        new DeepTrainer(settings, s -> { }).fit(data, new float[data.size()][][], all, new int[0], 3, "run")
                .classifier().close();
        List<String> log = new ArrayList<>();
        DeepTrainer.TrainedNetwork resumed = new DeepTrainer(settings, log::add)
                .fit(data, new float[data.size()][][], all, new int[0], 5, "run");
        assertEquals(List.of("run: resumed after epoch 3"), log);
        assertEquals(5, resumed.history().size());
        resumed.classifier().close();
    }
}
