package org.ser4j.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.Signal;
import org.ser4j.audio.WavWriter;
import org.ser4j.dsp.Fft;
import org.ser4j.features.pitch.Yin;
import org.ser4j.features.pitch.YinParams;

/** Each augmentation does what it claims, measured on synthetic signals with known properties. */
class AugmentationTest {
    private static final int SR = 16000;

    /** A voiced-like tone: f0 and its first five harmonics with falling amplitudes. */
    static Signal harmonicTone(double f0, double seconds, String source) {
        double[] y = new double[(int) (seconds * SR)];
        for (int i = 0; i < y.length; i++) {
            for (int h = 1; h <= 6; h++) {
                y[i] += 0.3 / h * Math.sin(2 * Math.PI * f0 * h * i / SR);
            }
        }
        return Signal.ofDoubles(y, SR, source);
    }

    static double snrDb(Signal clean, Signal noisy) {
        double s = 0;
        double n = 0;
        for (int i = 0; i < clean.length(); i++) {
            double c = clean.samples()[i];
            double d = noisy.samples()[i] - c;
            s += c * c;
            n += d * d;
        }
        return 10 * Math.log10(s / n);
    }

    static double medianF0(Signal s) {
        double[] f0 = Yin.yin(s, YinParams.of(60, 600).withFrames(1024, 256));
        // skip the edge frames, where padding and the vocoder's start-up distort the estimate
        double[] inner = Arrays.copyOfRange(f0, 4, f0.length - 4);
        Arrays.sort(inner);
        return inner[inner.length / 2];
    }

    @Test
    void additiveNoiseHitsTheRequestedSnrForEveryNoiseType() {
        Signal clean = harmonicTone(180, 2.0, "clean");
        Signal quiet = quietThenTone("other");
        NoiseBank bank = NoiseBank.fromSilences(List.of(quiet));
        for (NoiseType type : NoiseType.values()) {
            for (double snr : new double[] {0, 10, 25}) {
                AdditiveNoise noise = new AdditiveNoise(type, snr, snr, bank);
                Signal noisy = noise.apply(clean, new Random(7)).signal();
                assertEquals(snr, snrDb(clean, noisy), 0.01, type + " at " + snr + " dB");
            }
        }
    }

    @Test
    void pinkNoiseHasEqualPowerPerOctaveAndWhiteNoiseDoesNot() {
        float[] pink = AdditiveNoise.pink(1 << 16, new Random(1));
        float[] white = AdditiveNoise.white(1 << 16, new Random(1));
        // power in the octave 250-500 Hz over the octave 2-4 kHz: 1 (0 dB) for pink, 1/8 (-9 dB) for white
        assertEquals(0, octaveRatioDb(pink), 1.5);
        assertEquals(-9.0, octaveRatioDb(white), 1.0);
    }

    private static double octaveRatioDb(float[] x) {
        double[] buf = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            buf[i] = x[i];
        }
        Fft.realForward(buf);
        double[] power = new double[x.length / 2 + 1];
        Fft.powerFromPacked(buf, power);
        return 10 * Math.log10(band(power, x.length, 250, 500) / band(power, x.length, 2000, 4000));
    }

    private static double band(double[] power, int n, double lo, double hi) {
        double s = 0;
        for (int k = (int) (lo * n / SR); k < (int) (hi * n / SR); k++) {
            s += power[k];
        }
        return s;
    }

    @Test
    void pitchShiftMovesF0ByTheRequestedSemitonesAndKeepsTheLength() {
        Signal tone = harmonicTone(180, 1.5, "tone");
        double before = medianF0(tone);
        for (double semitones : new double[] {3, -2, 1.5}) {
            PitchShift shift = new PitchShift(semitones, semitones);
            Signal shifted = shift.apply(tone, new Random(3)).signal();
            assertEquals(tone.length(), shifted.length());
            double moved = 12 * Math.log(medianF0(shifted) / before) / Math.log(2);
            assertEquals(semitones, moved, 0.15, "requested " + semitones + " st");
        }
    }

    @Test
    void timeStretchChangesDurationButNotPitch() {
        Signal tone = harmonicTone(200, 1.5, "tone");
        for (double rate : new double[] {0.8, 1.25}) {
            Signal stretched = new TimeStretch(rate, rate).apply(tone, new Random(1)).signal();
            assertEquals(Math.round(tone.length() / rate), stretched.length());
            double moved = 12 * Math.log(medianF0(stretched) / medianF0(tone)) / Math.log(2);
            assertEquals(0, moved, 0.15, "rate " + rate);
        }
    }

    @Test
    void generatedImpulseResponsesDecayAtTheRequestedRt60() {
        for (double rt60 : new double[] {0.25, 0.5, 1.0}) {
            double[] h = RoomImpulseResponse.exponential(rt60, 0, SR, new Random(11));
            assertEquals(rt60, RoomImpulseResponse.estimateRt60(h, SR), 0.08 * rt60, "RT60 " + rt60);
        }
    }

    @Test
    void reverbConvolvesAndKeepsLengthAndLevel() {
        // an impulse through the reverb is the (level-normalised) impulse response itself
        float[] impulse = new float[SR];
        impulse[100] = 0.5f;
        Signal click = new Signal(impulse, SR, "click");
        Signal wet = new Reverb(0.4, 0.4).apply(click, new Random(5)).signal();
        assertEquals(click.length(), wet.length());
        assertEquals(AdditiveNoise.meanSquare(click.samples()), AdditiveNoise.meanSquare(wet.samples()), 1e-9);
        for (int i = 0; i < 100; i++) {
            assertEquals(0, wet.samples()[i], 1e-6, "nothing before the click");
        }
        double[] tail = new double[SR - 100];
        for (int i = 0; i < tail.length; i++) {
            tail[i] = wet.samples()[100 + i];
        }
        assertEquals(0.4, RoomImpulseResponse.estimateRt60(tail, SR), 0.04);
    }

    @Test
    void specAugmentZeroesExactlyTheRequestedBandsAndFrames() {
        float[][] x = new float[10][20];
        for (float[] row : x) {
            Arrays.fill(row, 3f);
        }
        float[][] masked = SpecAugment.copy(x);
        SpecAugment.maskChannels(masked, 2, 3);
        SpecAugment.maskFrames(masked, 5, 4);
        for (int c = 0; c < 10; c++) {
            for (int t = 0; t < 20; t++) {
                boolean inMask = (c >= 2 && c < 5) || (t >= 5 && t < 9);
                assertEquals(inMask ? 0f : 3f, masked[c][t], "channel " + c + " frame " + t);
            }
        }
        // random masks: never on padding (frames 15..19 here), never wider than asked
        SpecAugment aug = new SpecAugment(1, 4, 1, 6, 1.0);
        for (int seed = 0; seed < 50; seed++) {
            float[][] out = aug.apply(x, 15, new Random(seed));
            int zeroColumns = 0;
            for (int t = 0; t < 20; t++) {
                final int frame = t;
                boolean all = Arrays.stream(out).allMatch(row -> row[frame] == 0f);
                zeroColumns += all ? 1 : 0;
                if (t >= 15) {
                    assertFalse(all, "padding frame " + t + " masked");
                }
            }
            assertTrue(zeroColumns <= 6);
            int zeroRows = (int) Arrays.stream(out).filter(row -> {
                for (int t = 15; t < 20; t++) {
                    if (row[t] != 0f) {
                        return false;
                    }
                }
                return true;
            }).count();
            assertTrue(zeroRows <= 4);
        }
    }

    @Test
    void pipelinesAreDeterministicPerSeed() {
        Signal tone = harmonicTone(150, 1.0, "tone");
        AugmentationPipeline pipeline = AugmentationPipeline.parse(
                "noise=white:5:20@0.7, pitch=-2:2@0.7, stretch=0.9:1.1@0.5, shift=0.1, gain=-6:6, reverb=0.2:0.6@0.5",
                null);
        assertEquals(6, pipeline.steps().size());
        AugmentationPipeline.Result a = pipeline.apply(tone, 42);
        AugmentationPipeline.Result b = pipeline.apply(tone, 42);
        AugmentationPipeline.Result c = pipeline.apply(tone, 43);
        assertArrayEquals(a.signal().samples(), b.signal().samples());
        assertEquals(a.applied(), b.applied());
        assertFalse(Arrays.equals(a.signal().samples(), c.signal().samples()));
        assertTrue(AugmentationPipeline.parse("none", null).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> AugmentationPipeline.parse("wobble=3", null));
        assertThrows(IllegalArgumentException.class, () -> AugmentationPipeline.parse("noise=real:10", null));
    }

    /** One second of faint noise, then a loud tone: the first second is the clip's silence. */
    static Signal quietThenTone(String source) {
        Random r = new Random(9);
        float[] y = new float[2 * SR];
        for (int i = 0; i < SR; i++) {
            y[i] = (float) (0.001 * r.nextGaussian());
        }
        float[] tone = harmonicTone(220, 1.0, source).samples();
        System.arraycopy(tone, 0, y, SR, SR);
        return new Signal(y, SR, source);
    }

    @Test
    void noiseBankTakesSilentStretchesFromOtherClips() {
        NoiseBank bank = NoiseBank.fromSilences(List.of(quietThenTone("a"), quietThenTone("b")));
        assertEquals(2, bank.size());
        float[] noise = bank.draw(8000, "a", new Random(1));
        // the silent stretch is faint noise: RMS near 0.001, far below the tone's
        assertEquals(0.001, Math.sqrt(AdditiveNoise.meanSquare(noise)), 0.0003);
    }

    @Test
    void augmentedCopiesAreWrittenAsReadableWavFiles(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("in.wav");
        Signal tone = harmonicTone(200, 0.5, "in");
        WavWriter.write(tone, input);
        Signal back = AudioReader.read(input);
        assertEquals(tone.length(), back.length());
        for (int i = 0; i < tone.length(); i++) {
            assertEquals(tone.samples()[i], back.samples()[i], 1.0 / 32768);
        }
        List<AugmentCopies.Written> written = AugmentCopies.write(List.of(input), dir.resolve("out"), 2,
                AugmentationPipeline.parse("gain=-6:-6, noise=white:20", null), SR, 1);
        assertEquals(2, written.size());
        for (AugmentCopies.Written w : written) {
            assertTrue(Files.exists(w.file()));
            assertEquals(List.of("gain -6.0 dB", "noise white 20.0 dB SNR"), w.applied());
            assertEquals(tone.length(), AudioReader.read(w.file()).length());
        }
        assertEquals(3, Files.readAllLines(dir.resolve("out/augmentations.tsv")).size());
    }
}
