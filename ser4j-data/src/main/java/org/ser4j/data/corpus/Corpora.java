package org.ser4j.data.corpus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.ser4j.data.CorpusException;

/**
 * The registry of corpus loaders, and corpus detection: given a folder, which corpus (or corpora) it holds.
 * <p>
 * Detection, in order: a {@code .csv} file is a label list ({@link CsvLoader}); a folder one published corpus
 * recognises is that corpus; a folder whose sub-folders are all emotion names is a {@link ClassFoldersLoader}
 * corpus; otherwise each sub-folder is tried the same way, so pointing at a parent such as {@code datasets/} loads
 * every corpus in it. A folder that two loaders both claim is refused as ambiguous rather than guessed.
 */
public final class Corpora {
    /** A loader and the folder (or CSV) it should load. */
    public record Detected(CorpusLoader loader, Path root) {
        public LoadResult load() {
            return loader.load(root);
        }
    }

    private Corpora() {
    }

    /** The published corpora's loaders, in a fixed order. */
    public static List<CorpusLoader> published() {
        return List.of(new RavdessLoader(), new EmoDbLoader(), new TessLoader(), new SaveeLoader(),
                new CremaDLoader());
    }

    /** Every loader name {@link #byName} accepts. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(published().stream().map(CorpusLoader::name).toList());
        names.add(ClassFoldersLoader.NAME);
        names.add(CsvLoader.NAME);
        return names;
    }

    /** The loader with this name (case-insensitive; "emo-db" and "cremad" spellings accepted). */
    public static CorpusLoader byName(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT).replace("_", "-");
        key = switch (key) {
            case "emo-db", "berlin" -> EmoDbLoader.NAME;
            case "cremad", "crema" -> CremaDLoader.NAME;
            default -> key;
        };
        for (CorpusLoader loader : published()) {
            if (loader.name().equals(key)) {
                return loader;
            }
        }
        return switch (key) {
            case ClassFoldersLoader.NAME -> new ClassFoldersLoader();
            case CsvLoader.NAME -> new CsvLoader();
            default -> throw new CorpusException(name, "unknown corpus loader (known: " + names() + ")");
        };
    }

    /** Loads whatever {@link #detect} finds at {@code path}, all corpora concatenated in detection order. */
    public static LoadResult load(Path path) {
        return LoadResult.concat(detect(path).stream().map(Detected::load).toList());
    }

    /** Loads {@code path} with the named loader, without detection. */
    public static LoadResult load(String loaderName, Path path) {
        return byName(loaderName).load(path);
    }

    /** The corpora at {@code path} (see the class comment); never empty. */
    public static List<Detected> detect(Path path) {
        if (Files.isRegularFile(path)) {
            CsvLoader csv = new CsvLoader();
            if (csv.recognises(path)) {
                return List.of(new Detected(csv, path));
            }
            throw new CorpusException(path.toString(), "a file, but not a .csv label list; give a corpus folder");
        }
        AudioFiles.requireFolder(path);
        List<Detected> here = detectOne(path);
        if (!here.isEmpty()) {
            return here;
        }
        List<Detected> below = new ArrayList<>();
        for (Path sub : AudioFiles.subfolders(path)) {
            below.addAll(detectOne(sub));
        }
        if (below.isEmpty()) {
            throw new CorpusException(path.toString(), "no corpus recognised here or in its sub-folders; expected one of: "
                    + layouts());
        }
        return below;
    }

    /** The single loader that claims {@code folder}, if any. */
    private static List<Detected> detectOne(Path folder) {
        List<CorpusLoader> claims = published().stream().filter(l -> l.recognises(folder)).toList();
        if (claims.size() > 1) {
            throw new CorpusException(folder.toString(), "ambiguous: looks like "
                    + claims.stream().map(CorpusLoader::name).collect(Collectors.joining(" and "))
                    + "; load it with an explicit loader");
        }
        if (claims.size() == 1) {
            return List.of(new Detected(claims.get(0), folder));
        }
        ClassFoldersLoader folders = new ClassFoldersLoader();
        return folders.recognises(folder) ? List.of(new Detected(folders, folder)) : List.of();
    }

    private static String layouts() {
        List<CorpusLoader> all = new ArrayList<>(published());
        all.add(new ClassFoldersLoader());
        all.add(new CsvLoader());
        return all.stream().map(l -> l.name() + " (" + l.layout() + ")").collect(Collectors.joining("; "));
    }
}
