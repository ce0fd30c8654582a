package org.ser4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Expands the CLI's file and folder arguments into audio files (folders: every audio file below, sorted). */
final class AudioInputs {
    static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "wave", "flac", "mp3", "ogg", "oga", "opus", "m4a",
            "mp4", "aac", "aif", "aiff", "au", "webm");

    private AudioInputs() {
    }

    /**
     * Files as given (even if missing, so the decoder reports them); folders expanded recursively. A folder with no
     * audio file below it is an error naming every such folder, so that no argument is dropped without a word.
     */
    static List<Path> expand(List<Path> args) {
        List<Path> out = new ArrayList<>();
        List<Path> empty = new ArrayList<>();
        for (Path a : args) {
            if (Files.isDirectory(a)) {
                try (Stream<Path> s = Files.walk(a)) {
                    List<Path> found = s.filter(Files::isRegularFile).filter(AudioInputs::isAudioName).sorted()
                            .toList();
                    if (found.isEmpty()) {
                        empty.add(a);
                    }
                    out.addAll(found);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                out.add(a);
            }
        }
        if (!empty.isEmpty()) {
            throw new UserException("no audio files in folder" + (empty.size() > 1 ? "s " : " ") + empty
                    + " (audio files end in " + AUDIO_EXTENSIONS.stream().sorted().map(e -> "." + e).toList() + ")");
        }
        return out;
    }

    static boolean isAudioName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && AUDIO_EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The file name without its extension. */
    static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
