package org.ser4j.data;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One labelled recording of a corpus.
 *
 * @param path    the audio file
 * @param corpus  corpus id: ravdess, tess, emodb, savee, crema-d, or a user-given name
 * @param speaker speaker id, unique across corpora (prefixed with the corpus, e.g. {@code ravdess:07})
 * @param gender  speaker gender
 * @param emotion harmonised emotion
 * @param extra   the corpus's other codes from the file name (intensity, statement, repetition, sentence, level...)
 */
public record Utterance(Path path, String corpus, String speaker, Gender gender, Emotion emotion,
                        Map<String, String> extra) {
    /** The {@link #extra} key under which {@link #withEmotion} keeps the emotion the corpus gave. */
    public static final String ORIGINAL_EMOTION = "original_emotion";

    public Utterance {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(speaker, "speaker");
        Objects.requireNonNull(emotion, "emotion");
        gender = gender == null ? Gender.UNKNOWN : gender;
        // Copy in insertion order so reports list the codes the way the corpus documents them.
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** The file name without folders, for reports. */
    public String fileName() {
        return path.getFileName().toString();
    }

    /**
     * The same recording relabelled (a label map folding calm into neutral, say). The corpus's own emotion is kept
     * in {@code extra} under {@link #ORIGINAL_EMOTION} the first time it changes.
     */
    public Utterance withEmotion(Emotion folded) {
        if (folded == emotion) {
            return this;
        }
        Map<String, String> codes = new LinkedHashMap<>(extra);
        codes.putIfAbsent(ORIGINAL_EMOTION, emotion.label());
        return new Utterance(path, corpus, speaker, gender, folded, codes);
    }
}
