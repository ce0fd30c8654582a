package org.ser4j.audio.effects;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.Signal;
import org.ser4j.io.SharedPaths;

/** Silence and steady noise are "no speech"; real speech, quiet or loud, is speech. */
class SpeechPresenceTest {
    private static final int SR = 16000;

    @Test
    void everyFortiethPoolClipHoldsSpeech() throws IOException {
        List<Path> clips;
        try (Stream<Path> files = Files.walk(SharedPaths.datasets())) {
            clips = files.filter(p -> p.toString().endsWith(".flac")).sorted().toList();
        }
        int checked = 0;
        for (int i = 0; i < clips.size(); i += 40) {
            SpeechPresence.Verdict v = SpeechPresence.of(AudioReader.read(clips.get(i)));
            assertTrue(v.speech(), clips.get(i) + ": " + v.reason());
            checked++;
        }
        assertTrue(checked > 120);
    }

    @Test
    void quietSpeechWithLongSilenceIsSpeech() {
        Signal clip = AudioReader.read(SharedPaths.samples().resolve("03-01-08-01-02-02-11.wav"), SR);
        float[] y = new float[clip.length() + 3 * SR];
        for (int i = 0; i < clip.length(); i++) {
            y[SR + i] = clip.samples()[i] * 0.03f; // about -30 dB
        }
        SpeechPresence.Verdict v = SpeechPresence.of(new Signal(y, SR));
        assertTrue(v.speech(), v.reason());
        assertTrue(v.segments().get(0).startSeconds() >= 0.99, "speech starts after the 1 s of silence: "
                + v.segments());
    }

    @Test
    void digitalSilenceAndOneBitDitherAreSilence() {
        SpeechPresence.Verdict zeros = SpeechPresence.of(new Signal(new float[3 * SR], SR));
        assertFalse(zeros.speech());
        assertTrue(zeros.reason().startsWith("silence"), zeros.reason());
        Random r = new Random(3);
        float[] dither = new float[3 * SR];
        for (int i = 0; i < dither.length; i++) {
            dither[i] = (r.nextInt(3) - 1) / 32768f;
        }
        assertFalse(SpeechPresence.of(new Signal(dither, SR)).speech());
    }

    @Test
    void steadyNoiseOfAnyLevelIsNotSpeech() {
        Random r = new Random(7);
        float[] white = new float[3 * SR];
        float[] pink = new float[3 * SR];
        float[] hum = new float[3 * SR];
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        for (int i = 0; i < white.length; i++) {
            white[i] = (float) (0.3 * r.nextGaussian());
            double x = r.nextGaussian(); // Paul Kellet's economy pink filter
            b0 = 0.99765 * b0 + x * 0.0990460;
            b1 = 0.96300 * b1 + x * 0.2965164;
            b2 = 0.57000 * b2 + x * 1.0526913;
            pink[i] = (float) (0.05 * (b0 + b1 + b2 + x * 0.1848));
            hum[i] = (float) (0.3 * Math.sin(2 * Math.PI * 50 * i / SR) + 0.1 * Math.sin(2 * Math.PI * 150 * i / SR));
        }
        for (float[] noise : List.of(white, pink, hum)) {
            SpeechPresence.Verdict v = SpeechPresence.of(new Signal(noise, SR));
            assertFalse(v.speech());
            assertTrue(v.reason().startsWith("no voice activity"), v.reason());
        }
    }
}
