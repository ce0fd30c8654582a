package org.ser4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ser4j.data.corpus.Corpora;
import org.ser4j.data.corpus.LoadResult;
import org.ser4j.data.labels.LabelMap;
import org.ser4j.io.SharedPaths;
import picocli.CommandLine.Option;

/**
 * The corpus and label options shared by {@code train} and {@code evaluate}: which folders, how to read them,
 * and which classes the task has.
 */
final class CorpusOptions {
    @Option(names = "--data", paramLabel = "DIR|CSV", split = ",",
            description = "Corpus folders or CSV lists (repeatable or comma-separated). A folder holding several "
                + "corpora (e.g. ../shared/datasets) loads them all. Default: SER4J_DATA or ../shared/datasets.")
    List<Path> data = new ArrayList<>();

    @Option(names = "--corpus", defaultValue = "auto", paramLabel = "NAME",
            description = "How to read --data: auto (detect from layout and names), ravdess, tess, emodb, savee, "
                + "crema-d, folders (class-named folders), csv (default: ${DEFAULT-VALUE}).")
    String corpus;

    @Option(names = "--labels", paramLabel = "NAME|FILE",
            description = "Label map: default (7 classes: neutral happy sad angry fearful disgust surprised; calm->"
                + "neutral; boredom excluded), ravdess (8), emodb (7), crema-d (6), tess (7), or a rules file "
                + "(lines like calm=neutral, boredom=exclude). Default: the model's classes for evaluate, "
                + "'default' for train.")
    String labels;

    /** The utterances of every --data folder. */
    LoadResult load() {
        List<Path> dirs = data.isEmpty() ? List.of(SharedPaths.datasets()) : data;
        List<LoadResult> parts = new ArrayList<>();
        for (Path d : dirs) {
            if (!Files.exists(d)) {
                throw new UserException("no such corpus folder or file: " + d);
            }
            parts.add(corpus.equals("auto") ? Corpora.load(d) : Corpora.load(corpus, d));
        }
        return LoadResult.concat(parts);
    }

    /** The label map named or given by --labels, or {@code fallback} when not given. */
    LabelMap labelMap(LabelMap fallback) {
        if (labels == null) {
            return fallback;
        }
        Path file = Path.of(labels);
        return Files.isRegularFile(file) ? LabelMap.load(file) : LabelMap.named(labels);
    }
}
