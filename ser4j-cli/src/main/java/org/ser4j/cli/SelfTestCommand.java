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
 * in memory, decoded, and predicted by every shipped model. The launcher also runs it once after a build to record
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
            out.printf("ok  %-10s %s -> %s (%.2f)%n", name, decoded, p.emotion(), p.confidence());
        }
        return 0;
    }

    /** Two seconds of a 16 kHz vowel-like tone (120 Hz with harmonics and a slow pitch glide), as WAV bytes. */
    private static byte[] syntheticWav() throws IOException {
        int sr = 16000;
        float[] y = new float[2 * sr];
        double phase = 0;
        for (int i = 0; i < y.length; i++) {
            double f0 = 120 + 30 * Math.sin(2 * Math.PI * 0.5 * i / sr);
            phase += 2 * Math.PI * f0 / sr;
            double v = 0;
            for (int h = 1; h <= 20; h++) {
                v += Math.sin(h * phase) / h;
            }
            y[i] = (float) (0.1 * v);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        WavWriter.write(new Signal(y, sr, "selftest"), bytes);
        return bytes.toByteArray();
    }
}
