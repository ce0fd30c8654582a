package org.ser4j.data.split;

import java.util.List;
import java.util.Set;
import org.ser4j.data.ContentHashes;
import org.ser4j.data.Utterance;

/**
 * A speaker-independent evaluation protocol: turns a list of utterances into folds. Every fold is put through
 * the {@link LeakageCheck} before it is returned, so no protocol can hand out a split that shares a speaker or a
 * recording between its sides. Protocols are deterministic: the same utterances and seed give the same folds.
 */
public abstract class Protocol {
    /** A short description for reports, e.g. {@code speaker 5-fold (seed 42)}. */
    public abstract String description();

    /** The folds, before checking; implementations only. */
    protected abstract List<Fold> split(List<Utterance> utterances);

    /**
     * The folds for {@code utterances} (indices refer to this list), each checked for leakage using
     * {@code hashes} to recognise identical recordings.
     *
     * @throws org.ser4j.data.SplitException   if the protocol cannot apply (too few speakers, unknown corpus, ...)
     * @throws org.ser4j.data.LeakageException if a fold would share a speaker or a recording between its sides
     */
    public final List<Fold> folds(List<Utterance> utterances, ContentHashes hashes) {
        List<Fold> folds = split(utterances);
        LeakageCheck check = new LeakageCheck(utterances, hashes);
        folds.forEach(check::check);
        return folds;
    }

    // ----------------------------------------------------------------------------------------------- factories

    /** k folds grouped by speaker, stratified by emotion and balanced by gender as far as speakers allow. */
    public static Protocol speakerKFold(int k, long seed) {
        return new SpeakerKFold(k, seed);
    }

    /** One fold per speaker, that speaker being the test set. */
    public static Protocol leaveOneSpeakerOut() {
        return new LeaveOneSpeakerOut();
    }

    /** One fold testing on the named speakers (full ids, e.g. {@code ravdess:07}) and training on the rest. */
    public static Protocol testSpeakers(Set<String> speakers) {
        return new SpeakerSplit(speakers);
    }

    /** One fold testing on a seeded, gender-balanced {@code fraction} of the speakers. */
    public static Protocol testSpeakerFraction(double fraction, long seed) {
        return new SpeakerSplit(fraction, seed);
    }

    /** One fold training on the {@code train} corpora and testing on the {@code test} corpora. */
    public static Protocol crossCorpus(Set<String> train, Set<String> test) {
        return new CrossCorpus(train, test);
    }

    /** One fold per corpus, testing on it and training on all the others. */
    public static Protocol leaveOneCorpusOut() {
        return new LeaveOneCorpusOut();
    }

    /**
     * This protocol with a validation part in every fold: a seeded, gender-balanced {@code fraction} of each
     * fold's training speakers moved to validation.
     */
    public Protocol withValidation(double fraction, long seed) {
        return new WithValidation(this, fraction, seed);
    }

    @Override
    public String toString() {
        return description();
    }
}
