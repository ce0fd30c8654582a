package org.ser4j.data.split;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.ser4j.data.SplitException;
import org.ser4j.data.Utterance;

/** One fold per corpus (in corpus-id order): test on that corpus, train on all the others. */
final class LeaveOneCorpusOut extends Protocol {
    @Override
    public String description() {
        return "leave-one-corpus-out";
    }

    @Override
    protected List<Fold> split(List<Utterance> utterances) {
        Set<String> corpora = CrossCorpus.corporaOf(utterances);
        if (corpora.size() < 2) {
            throw new SplitException(description(), "needs at least 2 corpora, the utterances have " + corpora);
        }
        List<Fold> folds = new ArrayList<>();
        for (String held : corpora) {
            Set<String> others = new TreeSet<>(corpora);
            others.remove(held);
            folds.addAll(new CrossCorpus(others, Set.of(held)).split(utterances).stream()
                    .map(f -> new Fold("test " + held, f.train(), f.test())).toList());
        }
        return folds;
    }
}
