package org.ser4j.data.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.ser4j.data.CorpusException;

/**
 * Finding audio files in corpus folders. Loaders parse names, not contents, so a file counts as audio by its
 * extension (any case): the published corpora are WAV, the shared copies FLAC, and users convert to anything.
 * Hidden files are ignored, notably macOS's {@code ._name.wav} resource-fork shadows in zipped corpora.
 */
public final class AudioFiles {
    /** Extensions (lower case, no dot) of the containers ser4j's decoders read. */
    public static final Set<String> EXTENSIONS = Set.of("wav", "wave", "flac", "mp3", "ogg", "oga", "opus", "m4a",
            "aac", "aif", "aiff", "au", "snd", "wma", "webm", "mka");

    private AudioFiles() {
    }

    /** True if the file name ends in a known audio extension and the file is not hidden. */
    public static boolean isAudioName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return !name.startsWith(".") && dot > 0
                && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The file name without folders and without its extension, e.g. {@code 03a01Fa} for {@code wav/03a01Fa.flac}. */
    public static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Every audio file below {@code root} (following links), sorted by path so loading is deterministic. */
    public static List<Path> walk(Path root) {
        requireFolder(root);
        try (Stream<Path> files = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            return files.filter(AudioFiles::isAudioName).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new CorpusException(root.toString(), "cannot list folder: " + e.getMessage(), e);
        }
    }

    /** Up to {@code limit} audio files directly in {@code folder} (not below), sorted; empty if not a folder. */
    public static List<Path> direct(Path folder, int limit) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(AudioFiles::isAudioName).filter(Files::isRegularFile).sorted().limit(limit).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    /** The sub-folders directly in {@code folder}, sorted, hidden ones left out; empty if not a folder. */
    public static List<Path> subfolders(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    /** Throws {@link CorpusException} unless {@code root} is an existing folder. */
    public static void requireFolder(Path root) {
        if (!Files.exists(root)) {
            throw new CorpusException(root.toString(), "folder not found");
        }
        if (!Files.isDirectory(root)) {
            throw new CorpusException(root.toString(), "not a folder");
        }
    }
}
