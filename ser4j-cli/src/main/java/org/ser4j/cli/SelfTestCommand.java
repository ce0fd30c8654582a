package org.ser4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.Signal;
import org.ser4j.audio.WavWriter;
import org.ser4j.models.Prediction;
import org.ser4j.models.Predictor;
import org.ser4j.models.ShippedModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ser4j selftest}: checks an installation without any input file: a synthetic voiced clip is written as WAV
 * in memory, decoded, and predicted by every shipped model (it must be heard as speech, so that features and model
 * really run). The launcher also runs it once after a build to record
 * the class-data-sharing archive that makes later starts fast.
 */
@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = "Check the installation: decode a synthetic clip and predict it with every shipped model.")
final class SelfTestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Signal decoded = AudioReader.read(syntheticWav(), "selftest.wav", 16000);
        if (ShippedModels.names().isEmpty()) {
            throw new UserException("this build has no shipped model");
        }
        for (String name : ShippedModels.names()) {
            Prediction p = new Predictor(ShippedModels.load(name)).predict(decoded);
            if (!p.speech()) {
                // The clip is made to be speech-like; "no speech" would mean the features and model never ran.
                throw new UserException("selftest: model " + name + " found no speech in the synthetic voiced clip ("
                        + p.noSpeechReason() + "); the speech check is broken");
            }
            out.printf("ok  %-10s %s -> %s (%.2f)%n", name, decoded, p.emotion(), p.confidence());
        }
        return 0;
    }

    /**
     * A 16 kHz speech-like clip as WAV bytes: four vowel-like syllables (120 Hz with harmonics and a slow pitch
     * glide, 0.35 s each, smooth onsets) between pauses of 0.25 s over a faint noise floor. Syllables and pauses
     * matter: a steady tone is "no speech" to the predictor ({@code SpeechPresence}), which would then skip the
     * features and the model this command is meant to exercise.
     */
    static byte[] syntheticWav() throws IOException {
        int sr = 16000;
        int syllable = (int) (0.35 * sr);
        int pause = (int) (0.25 * sr);
        float[] y = new float[pause + 4 * (syllable + pause)];
        java.util.Random floor = new java.util.Random(1);
        double phase = 0;
        for (int i = 0; i < y.length; i++) {
            double f0 = 120 + 30 * Math.sin(2 * Math.PI * 0.5 * i / sr);
            phase += 2 * Math.PI * f0 / sr;
            double v = 0;
            for (int h = 1; h <= 20; h++) {
                v += Math.sin(h * phase) / h;
            }
            int at = (i - pause) % (syllable + pause);
            double envelope = i < pause || at >= syllable ? 0 : Math.pow(Math.sin(Math.PI * at / syllable), 0.5);
            y[i] = (float) (0.1 * v * envelope + 3e-4 * floor.nextGaussian());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        WavWriter.write(new Signal(y, sr, "selftest"), bytes);
        return bytes.toByteArray();
    }
}
