package org.ser4j.data.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.data.CorpusException;
import org.ser4j.data.Fixtures;
import org.ser4j.io.SharedPaths;

class CorporaTest {
    private static List<String> detectedNames(Path path) {
        return Corpora.detect(path).stream().map(d -> d.loader().name()).toList();
    }

    @Test
    void detectsEachCorpusByItsLayout(@TempDir Path root) {
        Fixtures.files(root.resolve("r"), "Actor_01/03-01-01-01-01-01-01.wav");
        Fixtures.files(root.resolve("e"), "wav/03a01Fa.wav");
        Fixtures.files(root.resolve("t"), "OAF_Fear/OAF_back_fear.wav");
        Fixtures.files(root.resolve("s"), "AudioData/DC/a01.wav");
        Fixtures.files(root.resolve("c"), "AudioWAV/1001_DFA_ANG_XX.wav");
        Fixtures.files(root.resolve("f"), "angry/a.wav", "sad/b.wav");
        Fixtures.files(root, "list.csv");
        assertEquals(List.of("ravdess"), detectedNames(root.resolve("r")));
        assertEquals(List.of("emodb"), detectedNames(root.resolve("e")));
        assertEquals(List.of("tess"), detectedNames(root.resolve("t")));
        assertEquals(List.of("savee"), detectedNames(root.resolve("s")));
        assertEquals(List.of("crema-d"), detectedNames(root.resolve("c")));
        assertEquals(List.of("folders"), detectedNames(root.resolve("f")));
        assertEquals(List.of("csv"), detectedNames(root.resolve("list.csv")));
    }

    @Test
    void aParentFolderLoadsEveryCorpusInIt(@TempDir Path root) {
        Fixtures.files(root, "ravdess-copy/Actor_01/03-01-01-01-01-01-01.wav", "berlin/wav/03a01Fa.wav",
                "berlin/wav/03a01Wa.wav", "notes/readme.txt");
        LoadResult all = Corpora.load(root);
        assertEquals(Map.of("emodb", 2L, "ravdess", 1L), all.countByCorpus());
    }

    @Test
    void unrecognisedOrAmbiguousFoldersAreTypedErrors(@TempDir Path root) {
        Fixtures.files(root.resolve("nothing"), "x/a.wav", "y/b.wav");
        CorpusException none = assertThrows(CorpusException.class, () -> Corpora.detect(root.resolve("nothing")));
        assertTrue(none.getMessage().contains("no corpus recognised") && none.getMessage().contains("Actor_NN"),
                none.getMessage());
        Fixtures.files(root.resolve("both"), "Actor_01/03-01-01-01-01-01-01.wav", "wav/03a01Fa.wav");
        CorpusException both = assertThrows(CorpusException.class, () -> Corpora.detect(root.resolve("both")));
        assertTrue(both.getMessage().contains("ambiguous"), both.getMessage());
        assertThrows(CorpusException.class, () -> Corpora.detect(root.resolve("missing")));
        Fixtures.write(root.resolve("a.txt"), "x".getBytes(StandardCharsets.UTF_8));
        assertThrows(CorpusException.class, () -> Corpora.detect(root.resolve("a.txt")));
    }

    @Test
    void loadersAreFoundByNameAndSpellingVariants() {
        assertEquals("emodb", Corpora.byName("EMO-DB").name());
        assertEquals("crema-d", Corpora.byName("CREMA_D").name());
        assertEquals("folders", Corpora.byName("folders").name());
        assertThrows(CorpusException.class, () -> Corpora.byName("iemocap"));
    }

    /** datasets/README.md: four corpora, 5038 files in all. */
    @Test
    void theSharedDatasetsFolderLoadsAllFourCorpora() {
        Path datasets = SharedPaths.datasets();
        assertEquals(List.of("crema-d", "emodb", "ravdess", "tess"), detectedNames(datasets));
        LoadResult all = Corpora.load(datasets);
        assertEquals(5038, all.utterances().size());
        assertEquals(Map.of("crema-d", 2031L, "emodb", 408L, "ravdess", 1200L, "tess", 1399L), all.countByCorpus());
        assertEquals(List.of("ravdess"), detectedNames(datasets.resolve("ravdess")));
        assertEquals(List.of("ravdess"), detectedNames(datasets.resolve("ravdess/Actor_05")));
    }
}
