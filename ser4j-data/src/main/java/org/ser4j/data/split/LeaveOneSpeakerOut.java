package org.ser4j.data.split;

import java.util.ArrayList;
import java.util.List;
import org.ser4j.data.SplitException;
import org.ser4j.data.Utterance;

/** One fold per speaker (in speaker-id order): that speaker's utterances are the test set, everyone else trains. */
final class LeaveOneSpeakerOut extends Protocol {
    @Override
    public String description() {
        return "leave-one-speaker-out";
    }

    @Override
    protected List<Fold> split(List<Utterance> utterances) {
        List<Speakers.Group> groups = Speakers.group(utterances);
        if (groups.size() < 2) {
            throw new SplitException(description(), "needs at least 2 speakers, the utterances have "
                    + groups.size());
        }
        List<Fold> folds = new ArrayList<>();
        for (Speakers.Group g : groups) {
            int[] test = g.indices().stream().mapToInt(Integer::intValue).toArray();
            folds.add(new Fold("test " + g.speaker(), SpeakerKFold.complement(utterances.size(), test), test));
        }
        return folds;
    }
}
