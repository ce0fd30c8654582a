package org.ser4j.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.CodecRoundTrip;
import org.ser4j.audio.Signal;
import org.ser4j.dsp.Fir;
import org.ser4j.dsp.Stft;
import org.ser4j.dsp.StftParams;
import org.ser4j.io.SharedPaths;

/** The channel simulations (codec, telephone, resampling, quantisation) and the {@code channel} preset. */
class ChannelAugmentationTest {
    /** RAVDESS actor 1 (male), angry, strong intensity: 4.1 s at 16 kHz. */
    static final String CLIP = "ravdess/Actor_01/03-01-05-02-01-01-01.flac";

    static Signal clip() {
        return AudioReader.read(SharedPaths.datasets().resolve(CLIP), 16000);
    }

    /** Shares of the clip's STFT power below 200 Hz, above 4 kHz, and the power in 500-3000 Hz. */
    static double[] bandPowers(Signal s) {
        double[][] p = Stft.powerSpectrogram(s.toDoubles(), StftParams.of(512));
        double below = 0;
        double above = 0;
        double mid = 0;
        double total = 0;
        for (int k = 0; k < p.length; k++) {
            double f = k * (double) s.sampleRate() / 512;
            for (double v : p[k]) {
                total += v;
                below += f < 200 ? v : 0;
                above += f > 4000 ? v : 0;
                mid += f >= 500 && f <= 3000 ? v : 0;
            }
        }
        return new double[] {below / total, above / total, mid};
    }

    static double correlation(float[] a, float[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    /**
     * The bitrate is drawn from the range, the same seed gives the same samples, and the output stays the clip
     * (same length and rate, correlation above 0.9 even at the lowest bitrates).
     */
    @Test
    void codecStepDrawsItsBitrateAndIsDeterministic() {
        Signal in = clip();
        Pattern kbps = Pattern.compile("codec (\\w+) (\\d+) kbit/s");
        for (String spec : new String[] {"codec=mp3:32:128", "codec=opus:16:48", "codec=aac:32:96"}) {
            WaveformAugmentation step = AugmentationPipeline.parse(spec, null).steps().get(0).augmentation();
            LossyCodec codec = assertInstanceOf(LossyCodec.class, step);
            WaveformAugmentation.Applied a = step.apply(in, new Random(5));
            WaveformAugmentation.Applied b = step.apply(in, new Random(5));
            assertArrayEquals(a.signal().samples(), b.signal().samples(), spec);
            assertEquals(a.description(), b.description());
            Matcher m = kbps.matcher(a.description());
            assertTrue(m.matches(), a.description());
            assertEquals(codec.codec().id(), m.group(1));
            int drawn = Integer.parseInt(m.group(2));
            assertTrue(drawn >= codec.minKbps() && drawn <= codec.maxKbps(), a.description());
            assertEquals(in.length(), a.signal().length());
            assertEquals(in.sampleRate(), a.signal().sampleRate());
            assertTrue(correlation(in.samples(), a.signal().samples()) > 0.9, a.description());
        }
        // both ends of the range are drawn
        LossyCodec narrow = new LossyCodec(CodecRoundTrip.Codec.MP3, 32, 33);
        Set<String> seen = new HashSet<>();
        Random r = new Random(3);
        for (int i = 0; i < 12; i++) {
            seen.add(narrow.apply(in.slice(0, 1600), r).description());
        }
        assertEquals(Set.of("codec mp3 32 kbit/s", "codec mp3 33 kbit/s"), seen);
    }

    /**
     * Telephone: almost nothing left above 4 kHz or below 200 Hz, the band 500-3000 Hz kept. Measured on the clip:
     * above 4 kHz 2.4e-2 of the power before, 1.3e-10 after; below 200 Hz 5.2e-4 before, 3.0e-6 after (linear) and
     * 1.3e-5 (mu-law and A-law, whose quantisation noise is white over the band); 500-3000 Hz within 0.01 dB.
     */
    @Test
    void telephoneKeepsOnlyTheTelephoneBand() {
        Signal in = clip();
        double[] before = bandPowers(in);
        assertTrue(before[1] > 0.01 && before[0] > 1e-4, "the clip has energy outside the band to remove");
        for (String spec : new String[] {"telephone", "telephone=mulaw", "telephone=alaw"}) {
            WaveformAugmentation step = AugmentationPipeline.parse(spec, null).steps().get(0).augmentation();
            Signal out = step.apply(in, new Random(0)).signal();
            assertEquals(in.length(), out.length(), spec);
            assertEquals(in.sampleRate(), out.sampleRate(), spec);
            double[] after = bandPowers(out);
            assertTrue(after[1] < 1e-7, spec + ": share above 4 kHz " + after[1]);
            assertTrue(after[0] < 1e-4, spec + ": share below 200 Hz " + after[0]);
            assertEquals(0, 10 * Math.log10(after[2] / before[2]), 0.2, spec + ": 500-3000 Hz level");
        }
        assertEquals(Telephone.Law.MULAW,
                ((Telephone) AugmentationPipeline.parse("telephone=MuLaw", null).steps().get(0).augmentation()).law());
    }

    /** The band-pass itself: 300-3400 Hz flat, 200 Hz and below and 3500 Hz and above at least 55 dB down. */
    @Test
    void telephoneBandPassMeetsItsMask() {
        double[] h = Fir.bandPass(Telephone.LOW_CUT / Telephone.RATE, Telephone.HIGH_CUT / Telephone.RATE,
                Telephone.TAPS, Telephone.BETA);
        for (double f = 0; f <= 4000; f += 10) {
            double re = 0;
            double im = 0;
            for (int n = 0; n < h.length; n++) {
                re += h[n] * Math.cos(2 * Math.PI * f / Telephone.RATE * n);
                im -= h[n] * Math.sin(2 * Math.PI * f / Telephone.RATE * n);
            }
            double db = 10 * Math.log10(re * re + im * im);
            if (f >= 300 && f <= 3400) {
                assertEquals(0, db, 0.1, f + " Hz");
            } else if (f <= 200 || f >= 3500) {
                assertTrue(db < -55, f + " Hz: " + db + " dB");
            }
        }
    }

    /** 8 bits: at most 256 values, all multiples of 1/128; the bit depth is drawn from the range. */
    @Test
    void quantizeLeavesAtMostTwoToTheBitsValues() {
        Signal in = clip();
        Signal q8 = AugmentationPipeline.parse("quantize=8", null).apply(in, 1).signal();
        Set<Float> values = new HashSet<>();
        for (float v : q8.samples()) {
            values.add(v);
            assertEquals(0, v * 128 - Math.rint(v * 128), 0, "multiple of 1/128");
        }
        assertTrue(values.size() <= 256 && values.size() > 16, values.size() + " values");
        // no dither: the error never exceeds half a step
        for (int i = 0; i < in.length(); i++) {
            assertEquals(in.samples()[i], q8.samples()[i], 0.5 / 128 + 1e-7);
        }
        Quantize range = new Quantize(8, 16);
        Set<String> drawn = new HashSet<>();
        Random r = new Random(2);
        for (int i = 0; i < 60; i++) {
            drawn.add(range.apply(in.slice(0, 100), r).description());
        }
        assertEquals(9, drawn.size(), drawn.toString());
        assertTrue(drawn.contains("quantize 8 bits") && drawn.contains("quantize 16 bits"));
    }

    /**
     * Via 8 kHz nothing above 4 kHz survives; via 44.1 kHz the clip comes back nearly unchanged; the output is
     * 16-bit; the rate is drawn from the list.
     */
    @Test
    void resampleChainGoesThereAndBack() {
        Signal in = clip();
        Signal via8k = new ResampleChain(List.of(8000)).apply(in, new Random(0)).signal();
        assertEquals(in.length(), via8k.length());
        assertEquals(16000, via8k.sampleRate());
        assertTrue(bandPowers(via8k)[1] < 1e-6, "share above 4 kHz " + bandPowers(via8k)[1]);
        for (float v : via8k.samples()) {
            assertEquals(0, v * 32768 - Math.rint(v * 32768), 0, "16-bit value");
        }
        Signal via44k = new ResampleChain(List.of(44100)).apply(in, new Random(0)).signal();
        assertTrue(correlation(in.samples(), via44k.samples()) > 0.99);
        ResampleChain chain = (ResampleChain) AugmentationPipeline.parse("resample=8000:11025:22050", null).steps()
                .get(0).augmentation();
        assertEquals(List.of(8000, 11025, 22050), chain.rates());
        Set<String> seen = new HashSet<>();
        Random r = new Random(4);
        for (int i = 0; i < 30; i++) {
            seen.add(chain.apply(in.slice(0, 800), r).description());
        }
        assertEquals(Set.of("resample via 8000 Hz", "resample via 11025 Hz", "resample via 22050 Hz"), seen);
    }

    /** One choice per clip, uniform: three gains drawn 3000 times come out about 1000 times each. */
    @Test
    void oneOfChoosesUniformly() {
        OneOf oneOf = new OneOf(List.of(new Gain(-6, -6), new Gain(0, 0), new Gain(6, 6)));
        Signal tiny = new Signal(new float[] {0.1f, -0.2f}, 16000, "tiny");
        int[] counts = new int[3];
        Random r = new Random(11);
        for (int i = 0; i < 3000; i++) {
            String d = oneOf.apply(tiny, r).description();
            counts[d.equals("gain -6.0 dB") ? 0 : d.equals("gain +0.0 dB") ? 1 : 2]++;
        }
        for (int c : counts) {
            assertEquals(1000, c, 90); // 3.5 standard deviations of a binomial(3000, 1/3)
        }
        assertThrows(IllegalArgumentException.class, () -> new OneOf(List.of()));
    }

    /** Bad arguments are refused with a message that quotes the item. */
    @Test
    void parseErrorsNameTheItem() {
        String[][] cases = {
            {"codec=flac:64", "mp3, opus or aac"},
            {"codec=mp3", "bitrate"},
            {"codec=mp3:0:64", "kbit/s"},
            {"codec=mp3:96:32", "min <= max"},
            {"codec=aac:64.5", "whole number"},
            {"telephone=gsm", "linear, mulaw or alaw"},
            {"telephone=mulaw:2", "at most one"},
            {"resample=", "rates"},
            {"resample=8000:-1", "positive"},
            {"resample=8000:abc", "whole number"},
            {"quantize=1:8", "bits"},
            {"quantize=8:x", "whole number"},
            {"quantize=8:12:16", "range"},
            {"wobble=3", "codec, telephone, resample, quantize"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AugmentationPipeline.parse("gain=-3:3, " + c[0] + "@0.5", null), c[0]);
            assertTrue(e.getMessage().contains("'" + c[0] + "@0.5'"), e.getMessage());
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
    }

    /**
     * The preset parses to one step that always runs and picks one of nine channel simulations; applied to the
     * clip it keeps length and rate, is reproducible per seed, and over a few seeds uses many different channels.
     */
    @Test
    void channelPresetAppliesOneChannelPerClip() {
        AugmentationPipeline channel = AugmentationPipeline.parse(" Channel ", null);
        assertEquals(1, channel.steps().size());
        assertEquals(1.0, channel.steps().get(0).probability());
        OneOf oneOf = assertInstanceOf(OneOf.class, channel.steps().get(0).augmentation());
        assertEquals(9, oneOf.choices().size());
        assertEquals(new AdditiveNoise(NoiseType.PINK, 15, 35, null), oneOf.choices().get(8));
        float[] quietThenLoud = new float[32000];
        Random noise = new Random(9);
        for (int i = 0; i < quietThenLoud.length; i++) {
            quietThenLoud[i] = (float) (i < 16000 ? 0.001 * noise.nextGaussian() : 0.5 * Math.sin(i * 0.1));
        }
        NoiseBank bank = NoiseBank.fromSilences(List.of(new Signal(quietThenLoud, 16000, "other")));
        OneOf withBank = (OneOf) AugmentationPipeline.channel(bank).steps().get(0).augmentation();
        assertEquals(NoiseType.REAL, ((AdditiveNoise) withBank.choices().get(8)).type());

        Signal in = clip().slice(0, 3 * 16000);
        Set<String> kinds = new HashSet<>();
        for (long seed = 0; seed < 12; seed++) {
            AugmentationPipeline.Result r = channel.apply(in, seed);
            assertEquals(1, r.applied().size());
            assertEquals(in.length(), r.signal().length());
            assertEquals(in.sampleRate(), r.signal().sampleRate());
            for (float v : r.signal().samples()) {
                assertTrue(Float.isFinite(v));
            }
            kinds.add(r.applied().get(0).split(" ")[0]);
            if (seed < 2) {
                AugmentationPipeline.Result again = channel.apply(in, seed);
                assertArrayEquals(r.signal().samples(), again.signal().samples());
                assertEquals(r.applied(), again.applied());
            }
        }
        assertTrue(kinds.size() >= 5, kinds.toString());
        assertFalse(kinds.contains("pitch"), "no content change in the channel preset");
    }
}
