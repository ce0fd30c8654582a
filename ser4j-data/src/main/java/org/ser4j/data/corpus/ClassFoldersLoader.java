package org.ser4j.data.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ser4j.data.CorpusException;
import org.ser4j.data.Emotion;
import org.ser4j.data.Gender;
import org.ser4j.data.Utterance;

/**
 * A user's own corpus as a folder of class-named folders: {@code <root>/<emotion>/<file>}, or
 * {@code <root>/<emotion>/<speaker>/<file>} to name speakers (deeper folders are ignored for labelling). Emotion
 * folder names are read with {@link Emotion#fromWord} ("angry", "Anger", "happiness", "ps", ...). The corpus id
 * is the root folder's name unless given; speaker ids are {@code <corpus>:<speaker>}, or {@code <corpus>:unknown}
 * where there is no speaker folder (then speaker-independent protocols see a single speaker and refuse to split).
 * Gender is unknown.
 */
public final class ClassFoldersLoader implements CorpusLoader {
    public static final String NAME = "folders";
    public static final String UNKNOWN_SPEAKER = "unknown";

    private final String corpus;

    /** A loader that names the corpus after the root folder. */
    public ClassFoldersLoader() {
        this(null);
    }

    /** A loader that names the corpus {@code corpus} (null: the root folder's name). */
    public ClassFoldersLoader(String corpus) {
        this.corpus = corpus;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String layout() {
        return "<emotion>/[<speaker>/]<file>.<audio>, e.g. angry/spk1/take3.wav";
    }

    /** True if the folder has sub-folders and every one of them is named after an emotion. */
    @Override
    public boolean recognises(Path folder) {
        List<Path> subs = AudioFiles.subfolders(folder);
        return !subs.isEmpty() && subs.stream().allMatch(s -> emotionOf(s).isPresent());
    }

    @Override
    public LoadResult load(Path root) {
        String corpusId = corpus != null ? corpus : root.toAbsolutePath().normalize().getFileName().toString();
        List<Utterance> utterances = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        for (Path file : AudioFiles.walk(root)) {
            Path relative = root.relativize(file);
            if (relative.getNameCount() < 2) {
                skipped.add(new SkippedFile(file, "not inside an emotion folder"));
                continue;
            }
            Optional<Emotion> emotion = emotionOf(relative.getName(0));
            if (emotion.isEmpty()) {
                skipped.add(new SkippedFile(file, "folder '" + relative.getName(0) + "' is not an emotion name"));
                continue;
            }
            String speaker = relative.getNameCount() >= 3 ? relative.getName(1).toString() : UNKNOWN_SPEAKER;
            utterances.add(new Utterance(file, corpusId, corpusId + ":" + speaker, Gender.UNKNOWN, emotion.get(),
                    Map.of()));
        }
        if (utterances.isEmpty()) {
            throw new CorpusException(root.toString(), "no audio files in emotion-named folders; expected " + layout());
        }
        return new LoadResult(utterances, skipped);
    }

    private static Optional<Emotion> emotionOf(Path folder) {
        return Emotion.fromWord(folder.getFileName().toString());
    }
}
