package org.ser4j.data.split;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.ser4j.data.SplitException;
import org.ser4j.data.Utterance;

/**
 * Train on some corpora, test on others: one fold; utterances of corpora in neither set are left out. Speakers
 * never cross corpora (their ids carry the corpus), so only shared recordings could leak, which the check catches.
 */
final class CrossCorpus extends Protocol {
    private final Set<String> train;
    private final Set<String> test;

    CrossCorpus(Set<String> train, Set<String> test) {
        this.train = new TreeSet<>(train);
        this.test = new TreeSet<>(test);
        if (this.train.isEmpty() || this.test.isEmpty()) {
            throw new SplitException(description(), "needs at least one training and one test corpus");
        }
        Set<String> both = new TreeSet<>(this.train);
        both.retainAll(this.test);
        if (!both.isEmpty()) {
            throw new SplitException(description(), "corpora " + both + " are on both sides");
        }
    }

    @Override
    public String description() {
        return "train " + String.join("+", train) + " → test " + String.join("+", test);
    }

    @Override
    protected List<Fold> split(List<Utterance> utterances) {
        Set<String> present = corporaOf(utterances);
        Set<String> missing = new TreeSet<>(train);
        missing.addAll(test);
        missing.removeAll(present);
        if (!missing.isEmpty()) {
            throw new SplitException(description(), "no utterances of corpora " + missing + " (loaded: " + present + ")");
        }
        List<Integer> trainIndices = new ArrayList<>();
        List<Integer> testIndices = new ArrayList<>();
        for (int i = 0; i < utterances.size(); i++) {
            String corpus = utterances.get(i).corpus();
            if (train.contains(corpus)) {
                trainIndices.add(i);
            } else if (test.contains(corpus)) {
                testIndices.add(i);
            }
        }
        return List.of(new Fold(description(), toArray(trainIndices), toArray(testIndices)));
    }

    static Set<String> corporaOf(List<Utterance> utterances) {
        Set<String> corpora = new TreeSet<>();
        utterances.forEach(u -> corpora.add(u.corpus()));
        return corpora;
    }

    static int[] toArray(List<Integer> indices) {
        return indices.stream().mapToInt(Integer::intValue).toArray();
    }
}
