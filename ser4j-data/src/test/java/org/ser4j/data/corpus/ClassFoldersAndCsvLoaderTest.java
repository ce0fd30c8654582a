package org.ser4j.data.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.data.CorpusException;
import org.ser4j.data.Emotion;
import org.ser4j.data.Fixtures;
import org.ser4j.data.Gender;
import org.ser4j.data.Utterance;

class ClassFoldersAndCsvLoaderTest {
    @Test
    void classFoldersTakeEmotionFromTheFolderAndSpeakerFromTheOneBelow(@TempDir Path root) {
        Path corpus = root.resolve("mine");
        Fixtures.files(corpus, "Angry/spk1/a.wav", "happiness/spk2/b.flac", "neutral/c.mp3", "stray.wav");
        ClassFoldersLoader loader = new ClassFoldersLoader();
        assertTrue(loader.recognises(corpus));
        LoadResult result = loader.load(corpus);
        List<Utterance> all = result.utterances();
        assertEquals(3, all.size());
        Utterance a = Fixtures.byName(all, "a.wav");
        assertEquals(Emotion.ANGRY, a.emotion());
        assertEquals("mine", a.corpus());
        assertEquals("mine:spk1", a.speaker());
        assertEquals(Emotion.HAPPY, Fixtures.byName(all, "b.flac").emotion());
        assertEquals("mine:unknown", Fixtures.byName(all, "c.mp3").speaker());
        assertEquals(1, result.skipped().size());
        assertEquals("mine2", new ClassFoldersLoader("mine2").load(corpus).utterances().get(0).corpus());
    }

    @Test
    void aFolderWithANonEmotionSubfolderIsNotClassFolders(@TempDir Path root) {
        Fixtures.files(root, "angry/a.wav", "misc/b.wav");
        assertFalse(new ClassFoldersLoader().recognises(root));
    }

    @Test
    void csvResolvesPathsAgainstItsFolderWithOptionalColumns(@TempDir Path root) {
        Fixtures.files(root, "audio/x.wav", "audio/y.flac", "audio/z.wav");
        Path csv = root.resolve("list.csv");
        Fixtures.write(csv, ("audio/x.wav,angry,s1,F\n\"audio/y.flac\",Fear\naudio/z.wav,sad,s2,male\n"
                + "audio/missing.wav,sad,s2\naudio/x.wav,grumpy,s1\n").getBytes(StandardCharsets.UTF_8));
        CsvLoader loader = new CsvLoader();
        assertTrue(loader.recognises(csv));
        LoadResult result = loader.load(csv);
        List<Utterance> all = result.utterances();
        assertEquals(3, all.size());
        Utterance x = Fixtures.byName(all, "x.wav");
        assertEquals(root.resolve("audio/x.wav"), x.path());
        assertEquals("list", x.corpus());
        assertEquals("list:s1", x.speaker());
        assertEquals(Gender.FEMALE, x.gender());
        Utterance y = Fixtures.byName(all, "y.flac");
        assertEquals(Emotion.FEARFUL, y.emotion());
        assertEquals("list:unknown", y.speaker());
        assertEquals(Gender.UNKNOWN, y.gender());
        assertEquals(Gender.MALE, Fixtures.byName(all, "z.wav").gender());
        assertEquals(List.of("file not found", "unknown emotion label 'grumpy'"),
                result.skipped().stream().map(SkippedFile::reason).toList());
    }

    @Test
    void csvHeaderMayReorderColumns(@TempDir Path root) {
        Fixtures.files(root, "x.wav");
        Path csv = root.resolve("h.csv");
        Fixtures.write(csv, "path,gender,speaker,label\nx.wav,f,anna,calm\n".getBytes(StandardCharsets.UTF_8));
        Utterance x = new CsvLoader().load(csv).utterances().get(0);
        assertEquals(Emotion.CALM, x.emotion());
        assertEquals("h:anna", x.speaker());
        assertEquals(Gender.FEMALE, x.gender());
    }

    @Test
    void csvErrorsAreTypedAndNameTheFile(@TempDir Path root) {
        Path csv = root.resolve("bad.csv");
        Fixtures.write(csv, "x.wav,angry\n".getBytes(StandardCharsets.UTF_8));
        CorpusException noRows = assertThrows(CorpusException.class, () -> new CsvLoader().load(csv));
        assertTrue(noRows.getMessage().startsWith(csv.toString()), noRows.getMessage());
        Fixtures.write(csv, "\"x.wav,angry\n".getBytes(StandardCharsets.UTF_8));
        CorpusException quote = assertThrows(CorpusException.class, () -> new CsvLoader().load(csv));
        assertTrue(quote.getMessage().contains("unterminated"), quote.getMessage());
        assertThrows(CorpusException.class, () -> new CsvLoader().load(root.resolve("none.csv")));
    }
}
