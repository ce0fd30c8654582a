package org.ser4j.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.testing.Reference;

/** Decoding of every clip in shared/samples against the 16-bit original. */
class AudioReaderTest {
    private static final String BASE = "03-01-02-01-02-02-13";

    private static Signal original() {
        return AudioReader.read(Reference.sample(BASE + ".wav"));
    }

    /** The 16-bit original against an independent decode: the JDK's raw PCM bytes, int16 / 32768. */
    @Test
    void pcm16MatchesIndependentDecode() throws Exception {
        for (String name : new String[] {BASE + ".wav", "03-01-08-01-02-02-11.wav", "YAF_choice_fear.wav"}) {
            Path p = Reference.sample(name);
            float[] expected;
            int rate;
            try (AudioInputStream in = AudioSystem.getAudioInputStream(p.toFile())) {
                rate = (int) in.getFormat().getSampleRate();
                byte[] b = in.readAllBytes();
                expected = new float[b.length / 2];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = (short) ((b[2 * i] & 0xFF) | (b[2 * i + 1] << 8)) / 32768f;
                }
            }
            Signal s = AudioReader.read(p);
            assertEquals(rate, s.sampleRate(), name);
            assertArrayEquals(expected, s.samples(), 0f, name);
        }
        assertEquals(48000, original().sampleRate());
        assertEquals(2.936, original().durationSeconds(), 1e-3);
    }

    /** sox made s24, s32 and f32 from the 16-bit file losslessly: decoded samples must be identical. */
    @Test
    void losslessWavVariantsAreBitExact() {
        float[] ref = original().samples();
        for (String v : new String[] {"_s24", "_s32", "_f32"}) {
            Signal s = AudioReader.read(Reference.sample(BASE + v + ".wav"));
            assertEquals(48000, s.sampleRate());
            assertArrayEquals(ref, s.samples(), 0f, v);
        }
    }

    /** u8 = (v - 128) / 128: within half an 8-bit step (1/256) of the original; measured max 1/256. */
    @Test
    void unsigned8BitIsWithinQuantisation() {
        float[] ref = original().samples();
        float[] u8 = AudioReader.read(Reference.sample(BASE + "_u8.wav")).samples();
        assertEquals(ref.length, u8.length);
        double max = 0;
        for (int i = 0; i < ref.length; i++) {
            max = Math.max(max, Math.abs(ref[i] - u8[i]));
        }
        assertTrue(max <= 1.0 / 256 + 1e-7, "u8 error " + max);
    }

    /**
     * Rate-converted variants (sox rate -v): compared with our kaiser_best resampling of the original.
     * Stereo 44.1 kHz (channels equal, so the mean is either channel): measured SNR 52.5 dB.
     * mu-law 8 kHz: measured SNR 30.7 dB (G.711 quantisation of fairly quiet speech plus resampler differences).
     */
    @Test
    void resampledVariantsMatchTheOriginalResampled() {
        Signal orig = original();
        Signal stereo = AudioReader.read(Reference.sample(BASE + "_stereo44k.wav"));
        assertEquals(44100, stereo.sampleRate());
        double snrStereo = snrDb(Resample.resample(orig, 44100).samples(), stereo.samples());
        Signal mulaw = AudioReader.read(Reference.sample(BASE + "_mulaw8k.wav"));
        assertEquals(8000, mulaw.sampleRate());
        double snrMulaw = snrDb(Resample.resample(orig, 8000).samples(), mulaw.samples());
        System.out.printf("stereo44k SNR %.1f dB, mulaw8k SNR %.1f dB%n", snrStereo, snrMulaw);
        assertTrue(snrStereo > 40, "stereo SNR " + snrStereo);
        assertTrue(snrMulaw > 27, "mu-law SNR " + snrMulaw);
    }

    /** FLAC through FFmpeg equals the WAV original bit-exactly. */
    @Test
    void flacIsBitExact() {
        Signal flac = AudioReader.read(Reference.sample(BASE + ".flac"));
        assertEquals(48000, flac.sampleRate());
        assertArrayEquals(original().samples(), flac.samples(), 0f);
    }

    /**
     * Lossy files: after the best lag within +-50 ms (encoder delay FFmpeg did not remove), the normalised
     * correlation with the original (over its middle second) is high. Measured (lag, correlation): mp3 (0, 0.9999),
     * ogg (0, 0.9925), opus (0, 0.9865), m4a (0, 0.9953): FFmpeg removes the encoder delay of all four (LAME header,
     * Opus pre-skip, MP4 edit list); lengths within 50 ms of the original (m4a keeps 384 samples of padding).
     */
    @Test
    void lossyFormatsCorrelateWithTheOriginal() {
        float[] ref = original().samples();
        String[][] files = {{"_128k.mp3", "0.99"}, {".ogg", "0.9"}, {".opus", "0.9"}, {".m4a", "0.95"}};
        for (String[] f : files) {
            Signal s = AudioReader.read(Reference.sample(BASE + f[0]));
            assertEquals(48000, s.sampleRate(), f[0]);
            assertTrue(Math.abs(s.length() - ref.length) < 2400, f[0] + " length " + s.length());
            int bestLag = 0;
            double best = -1;
            int mid = ref.length / 2; // over the middle second
            for (int lag = -2400; lag <= 2400; lag++) {
                double c = Similarity.correlation(ref, s.samples(), lag, mid - 24000, mid + 24000);
                if (c > best) {
                    best = c;
                    bestLag = lag;
                }
            }
            System.out.printf("%s: %d samples, lag %d, correlation %.4f%n", f[0], s.length(), bestLag, best);
            assertTrue(best > Double.parseDouble(f[1]), f[0] + " correlation " + best);
        }
    }

    /** Uploads decode like files, and the format comes from the bytes, not the name. */
    @Test
    void bytesAndMisnamedFilesUseContentDetection(@TempDir Path dir) throws Exception {
        byte[] flac = Files.readAllBytes(Reference.sample(BASE + ".flac"));
        Path misnamed = dir.resolve("really_flac.wav");
        Files.write(misnamed, flac);
        assertEquals(ContainerFormat.FLAC, AudioReader.detect(misnamed));
        assertArrayEquals(original().samples(), AudioReader.read(misnamed).samples(), 0f);
        Signal fromBytes = AudioReader.read(flac, "upload.mp3", null);
        assertArrayEquals(original().samples(), fromBytes.samples(), 0f);
        byte[] wav = Files.readAllBytes(Reference.sample(BASE + "_s24.wav"));
        Signal wav16k = AudioReader.read(wav, "upload", 16000);
        assertEquals(16000, wav16k.sampleRate());
        assertArrayEquals(Resample.resample(original(), 16000).samples(), wav16k.samples(), 0f);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files left behind in " + dir);
        }
    }

    /** read(path, sr) is read(path) followed by Resample.resample. */
    @Test
    void readWithTargetRateResamples() {
        Signal s = AudioReader.read(Reference.sample(BASE + ".wav"), 16000);
        assertEquals(16000, s.sampleRate());
        assertEquals((int) Math.ceil(original().length() / 3.0), s.length());
        assertArrayEquals(Resample.resample(original(), 16000).samples(), s.samples(), 0f);
    }

    static double snrDb(float[] ref, float[] x) {
        int n = Math.min(ref.length, x.length);
        double sig = 0;
        double err = 0;
        for (int i = 0; i < n; i++) {
            sig += (double) ref[i] * ref[i];
            err += (double) (x[i] - ref[i]) * (x[i] - ref[i]);
        }
        return 10 * Math.log10(sig / err);
    }
}
