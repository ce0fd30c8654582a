package org.ser4j.data.corpus;

import java.nio.file.Path;

/**
 * Reads one corpus's folder into labelled {@link org.ser4j.data.Utterance}s. One implementation per corpus, each
 * parsing that corpus's own published layout and file names; {@link Corpora} holds them all and picks one by
 * looking at a folder.
 */
public interface CorpusLoader {
    /** The corpus id, used as {@link org.ser4j.data.Utterance#corpus()} and as the speaker-id prefix. */
    String name();

    /** The expected layout in a few words, for error messages and help text. */
    String layout();

    /** Whether {@code folder} looks like this corpus's root (by layout and file names; contents are not read). */
    boolean recognises(Path folder);

    /**
     * Loads every labelled file under {@code root}. Audio files whose names do not follow the convention are
     * returned as skipped, with a reason; a root with no usable file at all is a
     * {@link org.ser4j.data.CorpusException}.
     */
    LoadResult load(Path root);
}
