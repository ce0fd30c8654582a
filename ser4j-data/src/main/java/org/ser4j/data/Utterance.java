package org.ser4j.data;

import java.nio.file.Path;
import java.util.Map;

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
    public Utterance {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** The file name without folders, for reports. */
    public String fileName() {
        return path.getFileName().toString();
    }
}
