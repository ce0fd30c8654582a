package org.ser4j.data.corpus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ser4j.data.CorpusException;
import org.ser4j.data.Emotion;
import org.ser4j.data.Gender;
import org.ser4j.data.Utterance;

/**
 * A user's own corpus as a CSV list: {@code path,label[,speaker][,gender]} per line, paths relative to the CSV's
 * folder (absolute paths allowed). An optional header row starting with {@code path} may name the columns in any
 * order. Labels are read with {@link Emotion#fromWord}; gender with {@link Gender#fromWord}. The corpus id is the
 * CSV's base name unless given; speaker ids are {@code <corpus>:<speaker>} ({@code <corpus>:unknown} when the
 * column is missing or empty). Rows with an unknown label or a missing file are skipped with the reason.
 */
public final class CsvLoader implements CorpusLoader {
    public static final String NAME = "csv";

    private final String corpus;

    /** A loader that names the corpus after the CSV file. */
    public CsvLoader() {
        this(null);
    }

    /** A loader that names the corpus {@code corpus} (null: the CSV's base name). */
    public CsvLoader(String corpus) {
        this.corpus = corpus;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String layout() {
        return "a .csv file with lines path,label[,speaker][,gender]";
    }

    @Override
    public boolean recognises(Path file) {
        return Files.isRegularFile(file) && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    @Override
    public LoadResult load(Path csv) {
        if (!Files.isRegularFile(csv)) {
            throw new CorpusException(csv.toString(), Files.exists(csv) ? "not a file" : "file not found");
        }
        String corpusId = corpus != null ? corpus : AudioFiles.baseName(csv.toAbsolutePath().normalize());
        List<List<String>> rows = CsvLines.read(csv);
        Columns columns = rows.isEmpty() ? Columns.POSITIONAL : Columns.of(rows.get(0), csv);
        List<Utterance> utterances = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        Path folder = csv.toAbsolutePath().normalize().getParent();
        for (List<String> row : columns.hasHeader ? rows.subList(1, rows.size()) : rows) {
            String pathText = columns.get(row, columns.path);
            if (pathText.isEmpty()) {
                continue;
            }
            Path file = folder.resolve(pathText).normalize();
            String label = columns.get(row, columns.label);
            Optional<Emotion> emotion = Emotion.fromWord(label);
            if (emotion.isEmpty()) {
                skipped.add(new SkippedFile(file, "unknown emotion label '" + label + "'"));
            } else if (!Files.isRegularFile(file)) {
                skipped.add(new SkippedFile(file, "file not found"));
            } else {
                String speaker = columns.get(row, columns.speaker);
                utterances.add(new Utterance(file, corpusId,
                        corpusId + ":" + (speaker.isEmpty() ? ClassFoldersLoader.UNKNOWN_SPEAKER : speaker),
                        Gender.fromWord(columns.get(row, columns.gender)), emotion.get(), Map.of()));
            }
        }
        if (utterances.isEmpty()) {
            throw new CorpusException(csv.toString(), "no usable rows"
                    + (skipped.isEmpty() ? "" : " (first problem: " + skipped.get(0) + ")") + "; expected " + layout());
        }
        return new LoadResult(utterances, skipped);
    }

    /** Where each field sits: from the header row if there is one, else path, label, speaker, gender. */
    private record Columns(boolean hasHeader, int path, int label, int speaker, int gender) {
        static final Columns POSITIONAL = new Columns(false, 0, 1, 2, 3);

        static Columns of(List<String> firstRow, Path csv) {
            List<String> names = firstRow.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
            if (!names.get(0).equals("path")) {
                return POSITIONAL;
            }
            if (!names.contains("label")) {
                throw new CorpusException(csv.toString(), "header " + firstRow + " has no 'label' column");
            }
            return new Columns(true, 0, names.indexOf("label"), names.indexOf("speaker"), names.indexOf("gender"));
        }

        /** The field at {@code index}, or "" if the column is absent or the row is short. */
        String get(List<String> row, int index) {
            return index >= 0 && index < row.size() ? row.get(index) : "";
        }
    }
}
