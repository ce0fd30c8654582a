package org.ser4j.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.testing.Reference;
import org.ser4j.testing.TestWav;

/** Every kind of bad input gives a typed exception that names the input and the problem. */
class BadInputTest {
    @TempDir
    Path dir;

    private <T extends AudioException> T fails(Class<T> type, Path p, String fragment) {
        T e = assertThrows(type, () -> AudioReader.read(p));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        return e;
    }

    @Test
    void missingFileAndDirectory() {
        fails(AudioNotFoundException.class, dir.resolve("nope.wav"), "no such file");
        fails(AudioNotFoundException.class, dir, "directory");
    }

    @Test
    void emptyFileAndNoSamples() {
        fails(EmptyAudioException.class, TestWav.write(dir, "empty.wav", new byte[0]), "0 bytes");
        fails(EmptyAudioException.class, TestWav.write(dir, "nosamples.wav", TestWav.pcm16(new short[0], 16000)),
                "no samples");
        assertThrows(EmptyAudioException.class, () -> AudioReader.read(new byte[0], "upload", null));
    }

    @Test
    void truncatedOrMalformedHeaders() {
        fails(CorruptAudioException.class, TestWav.write(dir, "short.wav", "RIFF\0\0".getBytes(StandardCharsets.US_ASCII)),
                "truncated WAV header");
        byte[] good = TestWav.pcm16(new short[100], 16000);
        fails(CorruptAudioException.class, TestWav.write(dir, "nodata.wav", Arrays.copyOf(good, 30)),
                "truncated");
        byte[] noFmt = TestWav.wav(new byte[0], new byte[0], 0);
        fails(CorruptAudioException.class, TestWav.write(dir, "nofmt.wav", noFmt), "'fmt ' chunk of 0 bytes");
    }

    /**
     * Decision (documented in WavSource): a data chunk that declares more bytes than the file holds is decoded as
     * far as it goes, with a logged warning, as libsndfile does for truncated recordings.
     */
    @Test
    void dataChunkLongerThanTheFileDecodesWhatIsThere() {
        short[] s = new short[500];
        Arrays.fill(s, (short) 16384);
        ByteBuffer b = ByteBuffer.allocate(1001).order(ByteOrder.LITTLE_ENDIAN); // 500 frames + half a frame
        for (short v : s) {
            b.putShort(v);
        }
        Path p = TestWav.write(dir, "truncated.wav", TestWav.wav(TestWav.fmt(1, 1, 16000, 2, 16), b.array(), 100000));
        Signal sig = AudioReader.read(p);
        assertEquals(500, sig.length());
        assertEquals(0.5f, sig.samples()[499]);
    }

    @Test
    void unsupportedCodecsAndNonAudio() {
        byte[] adpcm = TestWav.wav(TestWav.fmt(2, 1, 16000, 256, 4), new byte[512], 512);
        fails(UnsupportedAudioException.class, TestWav.write(dir, "adpcm.wav", adpcm), "0x0002 (Microsoft ADPCM)");
        fails(UnsupportedAudioException.class, TestWav.write(dir, "notes.wav",
                "hello, this is not audio\n".getBytes(StandardCharsets.US_ASCII)), "looks like text");
    }

    @Test
    void invalidParameters() {
        fails(InvalidAudioException.class, TestWav.write(dir, "rate0.wav",
                TestWav.wav(TestWav.fmt(1, 1, 0, 2, 16), new byte[200], 200)), "sample rate of 0");
        // 1 Hz would cost seconds of resampling to 16 kHz; 1 MHz is no recording
        fails(InvalidAudioException.class, TestWav.write(dir, "rate1.wav",
                TestWav.wav(TestWav.fmt(1, 1, 1, 2, 16), new byte[200], 200)), "sample rate of 1 Hz (supported: 2000");
        fails(InvalidAudioException.class, TestWav.write(dir, "rate1M.wav",
                TestWav.wav(TestWav.fmt(1, 1, 1_000_000, 2, 16), new byte[200], 200)), "sample rate of 1000000 Hz");
        fails(InvalidAudioException.class, TestWav.write(dir, "ch0.wav",
                TestWav.wav(TestWav.fmt(1, 0, 16000, 2, 16), new byte[200], 200)), "0 channels");
        fails(InvalidAudioException.class, TestWav.write(dir, "ch65535.wav",
                TestWav.wav(TestWav.fmt(1, 65535, 16000, 65535 * 2, 16), new byte[200], 200)), "65535 channels");
    }

    @Test
    void nanSamplesAreInvalid() {
        ByteBuffer b = ByteBuffer.allocate(400).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 100; i++) {
            b.putFloat(Float.NaN);
        }
        Path p = TestWav.write(dir, "nan.wav", TestWav.wav(TestWav.fmt(3, 1, 16000, 4, 32), b.array(), 400));
        fails(InvalidAudioException.class, p, "NaN");
        assertThrows(InvalidAudioException.class, () -> {
            try (AudioStream s = AudioReader.stream(p, 8000, 16)) {
                while (s.nextBlock() != null) {
                    // drain
                }
            }
        });
    }

    /**
     * Float samples of absurd size (1e30: garbage, not loud audio) are invalid too: resampled to 16 kHz they would
     * overflow to infinity (a fuzzing finding, kept in FfmpegDecodeFuzzTestInputs). A clipped float (1.5) is audio.
     */
    @Test
    void absurdlyLargeFloatSamplesAreInvalidButClippedOnesAreAudio() {
        ByteBuffer huge = ByteBuffer.allocate(4000).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer clipped = ByteBuffer.allocate(4000).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 1000; i++) {
            huge.putFloat(i % 2 == 0 ? 1e30f : -1e30f);
            clipped.putFloat(i % 2 == 0 ? 1.5f : -1.5f);
        }
        Path p = TestWav.write(dir, "huge.wav", TestWav.wav(TestWav.fmt(3, 1, 8000, 4, 32), huge.array(), 4000));
        fails(InvalidAudioException.class, p, "1.0E30");
        assertThrows(InvalidAudioException.class, () -> {
            try (AudioStream s = AudioReader.stream(p, 16000, 256)) {
                while (s.nextBlock() != null) {
                    // drain
                }
            }
        });
        Path ok = TestWav.write(dir, "clipped.wav", TestWav.wav(TestWav.fmt(3, 1, 8000, 4, 32), clipped.array(), 4000));
        assertEquals(2000, AudioReader.read(ok, 16000).samples().length, 2);
    }

    /** FFmpeg behind a valid magic but garbage after it: a typed error (or decoded noise), never a hang. */
    @Test
    void garbageBehindCompressedMagicNeverHangs() throws Exception {
        Random rnd = new Random(42);
        for (String magic : new String[] {"fLaC", "OggS", "ID3\u0004\0\0\0\0\0\0", "\0\0\0\u0018ftypM4A "}) {
            byte[] data = new byte[200_000];
            rnd.nextBytes(data);
            byte[] m = magic.getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(m, 0, data, 0, m.length);
            Path p = TestWav.write(dir, "garbage.bin", data);
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try {
                    Signal s = AudioReader.read(p);
                    System.out.println(magic.trim() + " + random bytes decoded to " + s);
                } catch (AudioException e) {
                    System.out.println(magic.trim() + " + random bytes: " + e.getClass().getSimpleName() + ": "
                            + e.getMessage());
                    assertTrue(e.getMessage().startsWith(p.toString()));
                }
            });
        }
        byte[] random = new byte[10_000];
        rnd.nextBytes(random);
        random[0] = 0x12;
        fails(UnsupportedAudioException.class, TestWav.write(dir, "random.bin", random), "unrecognised");
    }

    /** A FLAC cut in half decodes its first half (FFmpeg stops at the cut) without hanging. */
    @Test
    void truncatedFlacDecodesWhatIsThere() throws Exception {
        byte[] flac = Files.readAllBytes(Reference.sample("03-01-02-01-02-02-13.flac"));
        Path p = TestWav.write(dir, "half.flac", Arrays.copyOf(flac, flac.length / 2));
        Signal s = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> AudioReader.read(p));
        assertTrue(s.length() > 20000 && s.length() < 140000, "decoded " + s.length());
    }
}
