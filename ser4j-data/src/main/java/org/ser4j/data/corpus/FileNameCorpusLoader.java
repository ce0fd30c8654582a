package org.ser4j.data.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ser4j.data.CorpusException;
import org.ser4j.data.Utterance;

/**
 * Shared shape of the corpus loaders that label a file from its own name (and sometimes its folder's): walk every
 * audio file under the root, parse each, keep what parses, skip the rest with a reason. Subclasses supply the
 * parser and the folders where their layout puts files, which is what recognition looks at.
 */
abstract class FileNameCorpusLoader implements CorpusLoader {
    /** How many files of one folder recognition looks at. */
    private static final int RECOGNITION_SAMPLE = 20;

    /** A file name that does not follow the corpus's convention; the message says how. */
    static final class NameMismatch extends Exception {
        NameMismatch(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The utterance a file's name describes. {@code root} is the folder {@link #load} was given. */
    abstract Utterance parse(Path root, Path file) throws NameMismatch;

    /**
     * Sub-folders (at any depth) where this corpus's layout puts its files, e.g. {@code Actor_01} for RAVDESS. The
     * root itself is always looked at too (flat copies of the corpus).
     */
    abstract List<Path> layoutFolders(Path root);

    @Override
    public boolean recognises(Path folder) {
        if (mostlyParses(folder, folder)) {
            return true;
        }
        for (Path sub : layoutFolders(folder)) {
            if (mostlyParses(folder, sub)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public LoadResult load(Path root) {
        List<Path> files = AudioFiles.walk(root);
        List<Utterance> utterances = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        for (Path file : files) {
            try {
                utterances.add(parse(root, file));
            } catch (NameMismatch e) {
                skipped.add(new SkippedFile(file, e.getMessage()));
            }
        }
        if (utterances.isEmpty()) {
            String why = files.isEmpty() ? "no audio files" : files.size() + " audio files, none named like "
                    + name() + " (e.g. " + skipped.get(0) + ")";
            throw new CorpusException(root.toString(), why + "; expected " + layout());
        }
        return new LoadResult(utterances, skipped);
    }

    /** True if more than half of the first audio files directly in {@code folder} parse. */
    private boolean mostlyParses(Path root, Path folder) {
        List<Path> sample = AudioFiles.direct(folder, RECOGNITION_SAMPLE);
        int parsed = 0;
        for (Path file : sample) {
            try {
                parse(root, file);
                parsed++;
            } catch (NameMismatch e) {
                // counted as a miss
            }
        }
        return parsed * 2 > sample.size();
    }

    /** Sub-folders of {@code folder} whose names match {@code regex} (case-insensitive). */
    static List<Path> subfoldersMatching(Path folder, String regex) {
        return AudioFiles.subfolders(folder).stream()
                .filter(p -> p.getFileName().toString().matches("(?i)" + regex)).toList();
    }
}
