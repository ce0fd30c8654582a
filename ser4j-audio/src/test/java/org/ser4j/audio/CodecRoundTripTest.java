package org.ser4j.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.ser4j.audio.CodecRoundTrip.Codec;
import org.ser4j.io.SharedPaths;

/**
 * MP3, Opus and AAC round trips of a real pool clip (RAVDESS actor 1, angry, strong intensity, "Kids are talking by
 * the door", 4.1 s at 16 kHz). Measured on it with this FFmpeg 8.1.2 build (libmp3lame, libopus, native aac):
 * correlation with the input at lag 0, and the round trip's SNR,
 * <pre>
 *   mp3  16 kbit/s 0.9626  11.4 dB   32 kbit/s 0.9890 16.4 dB   64 kbit/s 0.9992 23.9 dB   128 kbit/s 0.9998 25.3 dB
 *   opus 16 kbit/s 0.9436   9.6 dB   32 kbit/s 0.9704 12.3 dB   48 kbit/s 0.9716 12.5 dB    64 kbit/s 0.9991 27.7 dB
 *   aac  16 kbit/s 0.9446   9.6 dB   32 kbit/s 0.9863 15.7 dB   64 kbit/s 0.9997 31.8 dB    96 kbit/s 0.9997 32.2 dB
 * </pre>
 * (Opus codes wideband speech with SILK up to about 48 kbit/s, which keeps the sound but not the waveform, hence
 * the jump to CELT at 64.) Time per round trip of this clip on one core of a shared machine: mp3 40-60 ms, aac
 * 30-120 ms, opus 130-190 ms.
 */
class CodecRoundTripTest {
    static final String CLIP = "ravdess/Actor_01/03-01-05-02-01-01-01.flac";

    static Signal clip() {
        return AudioReader.read(SharedPaths.datasets().resolve(CLIP), 16000);
    }


    static double snrDb(float[] ref, float[] test) {
        double s = 0;
        double e = 0;
        for (int i = 0; i < ref.length; i++) {
            double d = test[i] - ref[i];
            s += (double) ref[i] * ref[i];
            e += d * d;
        }
        return 10 * Math.log10(s / e);
    }

    /** The lag in [-max, max] at which b best matches a. */
    static int bestLag(float[] a, float[] b, int max) {
        int best = 0;
        double bestCorr = -2;
        for (int lag = -max; lag <= max; lag++) {
            double c = Similarity.correlation(a, b, lag);
            if (c > bestCorr) {
                bestCorr = c;
                best = lag;
            }
        }
        return best;
    }

    @Test
    void thisFfmpegBuildHasAllThreeEncoders() {
        for (Codec c : Codec.values()) {
            assertTrue(c.available(), c.encoderName());
        }
        // Opus runs at five rates only, so 44.1 and 22.05 kHz must be resampled for it; MP3 and AAC take 16 kHz
        assertArrayEquals(new int[] {8000, 12000, 16000, 24000, 48000},
                java.util.Arrays.stream(CodecRoundTrip.supportedRates(Codec.OPUS)).sorted().toArray());
    }

    /**
     * At a high bitrate each codec gives the input back with the same rate, length and timing: the encoder's
     * priming samples (mp3 1105 at 16 kHz, opus 104, aac 1024) are gone, so the best-matching lag is 0.
     */
    @Test
    void highBitrateRoundTripsAreAlignedAndCloseToTheInput() {
        Signal in = clip();
        int[] kbps = {128, 64, 96};
        double[] minCorr = {0.999, 0.998, 0.998};
        for (Codec c : Codec.values()) {
            Signal out = CodecRoundTrip.roundTrip(in, c, kbps[c.ordinal()]);
            assertEquals(in.sampleRate(), out.sampleRate(), c.id());
            assertEquals(in.length(), out.length(), c.id());
            assertEquals(in.source(), out.source(), c.id());
            assertEquals(0, bestLag(in.samples(), out.samples(), 1200), c.id());
            double corr = Similarity.correlation(in.samples(), out.samples(), 0);
            assertTrue(corr > minCorr[c.ordinal()], c.id() + " correlation " + corr);
        }
    }

    /** Fewer bits, more coding noise: the SNR falls with the bitrate, but the speech is still clearly there. */
    @Test
    void lowerBitrateGivesLargerError() {
        Signal in = clip();
        int[][] kbps = {{32, 128}, {16, 64}, {32, 96}};
        for (Codec c : Codec.values()) {
            float[] low = CodecRoundTrip.roundTrip(in, c, kbps[c.ordinal()][0]).samples();
            float[] high = CodecRoundTrip.roundTrip(in, c, kbps[c.ordinal()][1]).samples();
            double snrLow = snrDb(in.samples(), low);
            double snrHigh = snrDb(in.samples(), high);
            assertTrue(snrLow + 5 < snrHigh, c.id() + ": " + snrLow + " dB at low vs " + snrHigh + " dB at high");
            assertTrue(Similarity.correlation(in.samples(), low, 0) > 0.9, c.id());
        }
    }

    /** Same input, same output, also when several threads encode at once. */
    @Test
    void roundTripsAreDeterministicAndThreadSafe() throws Exception {
        Signal in = clip();
        List<float[]> expected = new ArrayList<>();
        for (Codec c : Codec.values()) {
            expected.add(CodecRoundTrip.roundTrip(in, c, 48).samples());
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (int rep = 0; rep < 2; rep++) {
                for (Codec c : Codec.values()) {
                    futures.add(pool.submit(() -> CodecRoundTrip.roundTrip(in, c, 48).samples()));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertArrayEquals(expected.get(i % 3), futures.get(i).get(), Codec.values()[i % 3].id());
            }
        } finally {
            pool.shutdown();
        }
    }

    /** 22.05 kHz is not an Opus rate: the signal goes through 24 kHz and comes back at 22.05 kHz, aligned. */
    @Test
    void unsupportedRatesAreResampledThereAndBack() {
        Signal in = Resample.resample(clip().slice(0, 24000), 22050, "kaiser_fast");
        Signal out = CodecRoundTrip.roundTrip(in, Codec.OPUS, 64);
        assertEquals(22050, out.sampleRate());
        assertEquals(in.length(), out.length());
        assertEquals(0, bestLag(in.samples(), out.samples(), 300));
        assertTrue(Similarity.correlation(in.samples(), out.samples(), 0) > 0.99);
    }

    @Test
    void badArgumentsAreRefusedClearly() {
        Signal in = clip().slice(0, 1600);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CodecRoundTrip.roundTrip(in, Codec.MP3, 0));
        assertTrue(e.getMessage().contains("bitrate"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Codec.parse("vorbis"));
        assertTrue(e.getMessage().contains("'vorbis'") && e.getMessage().contains("mp3, opus, aac"), e.getMessage());
        assertEquals(Codec.AAC, Codec.parse(" AAC "));
        assertEquals(0, CodecRoundTrip.roundTrip(new Signal(new float[0], 16000, "empty"), Codec.AAC, 64).length());
        // a clip shorter than one codec frame still comes back whole
        assertEquals(100, CodecRoundTrip.roundTrip(in.slice(0, 100), Codec.MP3, 64).length());
    }
}
