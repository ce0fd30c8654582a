package org.ser4j.data.split;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.data.ContentHashes;
import org.ser4j.data.Emotion;
import org.ser4j.data.Fixtures;
import org.ser4j.data.Gender;
import org.ser4j.data.LeakageException;
import org.ser4j.data.SplitException;
import org.ser4j.data.Utterance;

class LeakageCheckTest {
    private final ContentHashes hashes = new ContentHashes();

    private static Utterance at(Path file, String speaker, Emotion emotion) {
        return new Utterance(file, "c", speaker, Gender.UNKNOWN, emotion, Map.of());
    }

    @Test
    void aSpeakerOnBothSidesIsRefused(@TempDir Path dir) {
        Fixtures.files(dir, "a.wav", "b.wav", "c.wav");
        List<Utterance> all = List.of(at(dir.resolve("a.wav"), "c:1", Emotion.SAD),
                at(dir.resolve("b.wav"), "c:1", Emotion.ANGRY), at(dir.resolve("c.wav"), "c:2", Emotion.SAD));
        LeakageCheck check = new LeakageCheck(all, hashes);
        LeakageException e = assertThrows(LeakageException.class,
                () -> check.check(new Fold("bad", new int[] {0, 2}, new int[] {1})));
        assertTrue(e.getMessage().startsWith("bad: speaker leaks between train and test: c:1"), e.getMessage());
        assertThrows(LeakageException.class,
                () -> check.check(new Fold("val", new int[] {0}, new int[] {1}, new int[] {2})));
        assertDoesNotThrow(() -> check.check(new Fold("good", new int[] {0, 1}, new int[] {2})));
    }

    @Test
    void theSameIndexOnBothSidesOrAnEmptySideIsRefused(@TempDir Path dir) {
        Fixtures.files(dir, "a.wav", "b.wav");
        List<Utterance> all = List.of(at(dir.resolve("a.wav"), "c:1", Emotion.SAD),
                at(dir.resolve("b.wav"), "c:2", Emotion.SAD));
        LeakageCheck check = new LeakageCheck(all, hashes);
        assertThrows(LeakageException.class, () -> check.check(new Fold("f", new int[] {0, 1}, new int[] {1})));
        assertThrows(SplitException.class, () -> check.check(new Fold("f", new int[] {}, new int[] {1})));
        assertThrows(SplitException.class, () -> check.check(new Fold("f", new int[] {0}, new int[] {5})));
    }

    @Test
    void identicalAudioUnderTwoNamesAndSpeakersIsRefusedByEveryProtocol(@TempDir Path dir) {
        byte[] same = "the same recording".getBytes(StandardCharsets.UTF_8);
        Fixtures.write(dir.resolve("one/x.wav"), same);
        Fixtures.write(dir.resolve("two/y.wav"), same);
        Fixtures.files(dir, "one/z.wav", "two/w.wav");
        List<Utterance> all = List.of(at(dir.resolve("one/x.wav"), "c:1", Emotion.SAD),
                at(dir.resolve("one/z.wav"), "c:1", Emotion.HAPPY), at(dir.resolve("two/y.wav"), "c:2", Emotion.SAD),
                at(dir.resolve("two/w.wav"), "c:2", Emotion.HAPPY));
        LeakageException e = assertThrows(LeakageException.class,
                () -> Protocol.leaveOneSpeakerOut().folds(all, hashes));
        assertTrue(e.getMessage().contains("recording leaks") && e.getMessage().contains("x.wav")
                && e.getMessage().contains("y.wav"), e.getMessage());
        assertThrows(LeakageException.class, () -> Protocol.speakerKFold(2, 0).folds(all, hashes));
    }

    /**
     * datasets/README.md: RAVDESS Actor_07 clips ...-01-07 and ...-02-07 hold identical audio, as do CREMA-D
     * 1006_TIE_NEU_XX and 1006_TIE_HAP_XX. Their hashes match; a split putting them apart is refused even if a
     * label list gave them different speakers.
     */
    @Test
    void theCorporaOwnDuplicatesAreCaught() {
        Path r1 = Fixtures.dataset("ravdess/Actor_07/03-01-03-01-02-01-07.flac");
        Path r2 = Fixtures.dataset("ravdess/Actor_07/03-01-03-01-02-02-07.flac");
        Path c1 = Fixtures.dataset("crema-d/AudioWAV/1006_TIE_NEU_XX.flac");
        Path c2 = Fixtures.dataset("crema-d/AudioWAV/1006_TIE_HAP_XX.flac");
        Path other = Fixtures.dataset("ravdess/Actor_07/03-01-03-01-01-01-07.flac");
        assertEquals(hashes.of(r1), hashes.of(r2));
        assertEquals(hashes.of(c1), hashes.of(c2));
        assertNotEquals(hashes.of(r1), hashes.of(other));
        List<Utterance> all = List.of(at(r1, "a", Emotion.HAPPY), at(c1, "b", Emotion.NEUTRAL),
                at(r2, "c", Emotion.HAPPY), at(c2, "d", Emotion.HAPPY));
        LeakageCheck check = new LeakageCheck(all, hashes);
        assertThrows(LeakageException.class, () -> check.check(new Fold("r", new int[] {0, 1, 3}, new int[] {2})));
        assertThrows(LeakageException.class, () -> check.check(new Fold("c", new int[] {0, 1, 2}, new int[] {3})));
        assertDoesNotThrow(() -> check.check(new Fold("ok", new int[] {0, 2}, new int[] {1, 3})));
    }
}
