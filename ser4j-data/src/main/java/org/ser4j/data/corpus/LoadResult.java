package org.ser4j.data.corpus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ser4j.data.Emotion;
import org.ser4j.data.Utterance;

/**
 * What loading one or more corpora gave: the labelled utterances (sorted by path within each corpus) and the audio
 * files that were skipped with a reason, so a report can show both.
 */
public record LoadResult(List<Utterance> utterances, List<SkippedFile> skipped) {
    public LoadResult {
        utterances = List.copyOf(utterances);
        skipped = List.copyOf(skipped);
    }

    /** Several results in order, as one. */
    public static LoadResult concat(Collection<LoadResult> parts) {
        List<Utterance> all = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        for (LoadResult part : parts) {
            all.addAll(part.utterances());
            skipped.addAll(part.skipped());
        }
        return new LoadResult(all, skipped);
    }

    /** Utterance counts per emotion, in the vocabulary's order. */
    public Map<Emotion, Long> countByEmotion() {
        return countBy(Utterance::emotion);
    }

    /** Utterance counts per speaker id, sorted by id. */
    public Map<String, Long> countBySpeaker() {
        return countBy(Utterance::speaker);
    }

    /** Utterance counts per corpus id, sorted by id. */
    public Map<String, Long> countByCorpus() {
        return countBy(Utterance::corpus);
    }

    private <K extends Comparable<K>> Map<K, Long> countBy(Function<Utterance, K> key) {
        return utterances.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    /** Files skipped for their names, as an exclusion reason for metrics and reports (empty when none). */
    public Map<String, Integer> skippedReasons() {
        return skipped.isEmpty() ? Map.of()
                : Map.of("file name not in the corpus's naming convention", skipped.size());
    }
}
