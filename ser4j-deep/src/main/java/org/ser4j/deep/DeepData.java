package org.ser4j.deep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.Signal;
import org.ser4j.data.Progress;
import org.ser4j.data.Utterance;
import org.ser4j.data.labels.LabelMap;

/**
 * Labelled recordings in memory for deep training: the decoded signals (at the input's sample rate) with their
 * utterances and class indices.
 *
 * @param utterances one per signal
 * @param signals    decoded audio
 * @param classes    class labels
 * @param labels     class index of each utterance
 * @param labelMap   the label map's description, for provenance
 * @param excluded   utterances left out by the label map, per reason
 */
public record DeepData(List<Utterance> utterances, List<Signal> signals, List<String> classes, int[] labels,
                       String labelMap, Map<String, Integer> excluded) {
    public DeepData {
        if (utterances.size() != signals.size() || utterances.size() != labels.length) {
            throw new IllegalArgumentException("utterances, signals and labels differ in number");
        }
        utterances = List.copyOf(utterances);
        signals = List.copyOf(signals);
        classes = List.copyOf(classes);
    }

    /** Decodes every selected utterance at {@code sampleRate}, with a progress bar unless quiet. */
    public static DeepData load(LabelMap.Selection selection, int sampleRate, boolean quiet) {
        List<Signal> signals = new ArrayList<>();
        try (Progress progress = Progress.start("decoding", selection.utterances().size(), quiet)) {
            for (Utterance u : selection.utterances()) {
                Signal s = AudioReader.read(u.path(), sampleRate);
                signals.add(new Signal(s.samples(), s.sampleRate(), u.fileName()));
                progress.step();
            }
        }
        Map<String, Integer> excluded = new TreeMap<>();
        selection.excluded().forEach((emotion, n) -> excluded.put("label " + emotion.label() + " not in map", n));
        return new DeepData(selection.utterances(), signals, selection.map().classLabels(), selection.labels(),
                selection.map().toString(), excluded);
    }

    public int size() {
        return utterances.size();
    }
}
