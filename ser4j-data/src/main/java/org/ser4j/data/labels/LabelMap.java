package org.ser4j.data.labels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ser4j.data.Emotion;
import org.ser4j.data.LabelMapException;
import org.ser4j.data.Utterance;

/**
 * Which harmonised emotions a task predicts (its classes) and what becomes of the others: each {@link Emotion}
 * either is a class, folds into a class (calm → neutral), or is excluded. Classes are ordered as the
 * {@link Emotion} vocabulary, so class indices are stable.
 * <p>
 * Named maps: {@code default} (7 classes: neutral, happy, sad, angry, fearful, disgust, surprised; calm → neutral;
 * boredom excluded), and each corpus's own classes: {@code ravdess} (8, with calm), {@code emodb} (7, with boredom,
 * no surprised), {@code crema-d} (6, no surprised), {@code tess} and {@code savee} (the default 7).
 * <p>
 * A text file overrides a map, one rule per line ({@code #} starts a comment):
 * <pre>
 * base=ravdess        # optional, first: the named map to start from (default: default)
 * calm=neutral        # fold calm into neutral
 * boredom=exclude     # drop boredom
 * surprised=surprised # make surprised a class of its own
 * </pre>
 * Every fold must land on an emotion that is a class once all rules are applied.
 */
public final class LabelMap {
    /** The 7 classes most cross-corpus work shares. */
    public static final String DEFAULT = "default";
    private static final String EXCLUDE = "exclude";

    private final String name;
    /** Target class per emotion; absent = excluded. */
    private final Map<Emotion, Emotion> targets;
    private final List<Emotion> classes;

    private LabelMap(String name, Map<Emotion, Emotion> targets) {
        this.name = name;
        this.targets = Collections.unmodifiableMap(new EnumMap<>(targets));
        this.classes = targets.entrySet().stream().filter(e -> e.getKey() == e.getValue()).map(Map.Entry::getKey)
                .sorted().toList();
        for (Map.Entry<Emotion, Emotion> fold : targets.entrySet()) {
            if (targets.get(fold.getValue()) != fold.getValue()) {
                throw new LabelMapException(name, fold.getKey() + "=" + fold.getValue() + " folds onto "
                        + fold.getValue() + ", which is not a class (classes: " + labels(classes) + ")");
            }
        }
        if (classes.size() < 2) {
            throw new LabelMapException(name, "needs at least two classes, has " + labels(classes));
        }
    }

    /** The map's name: a named map's, or the file it was read from. */
    public String name() {
        return name;
    }

    /** The emotions this map predicts, in vocabulary order; a class's index is its position here. */
    public List<Emotion> classes() {
        return classes;
    }

    /** The classes as lower-case labels, in class-index order. */
    public List<String> classLabels() {
        return labels(classes);
    }

    /** The class {@code emotion} is predicted as, or empty if it is excluded. */
    public Optional<Emotion> map(Emotion emotion) {
        return Optional.ofNullable(targets.get(emotion));
    }

    /** The index of {@code emotion}'s class in {@link #classes()}, or -1 if it is excluded. */
    public int classIndex(Emotion emotion) {
        Emotion target = targets.get(emotion);
        return target == null ? -1 : classes.indexOf(target);
    }

    /**
     * Applies the map: keeps the utterances whose emotion maps to a class, relabelled to that class (see
     * {@link Utterance#withEmotion}), in their original order, and counts the excluded ones by their emotion.
     */
    public Selection select(List<Utterance> utterances) {
        List<Utterance> kept = new ArrayList<>();
        Map<Emotion, Integer> excluded = new EnumMap<>(Emotion.class);
        for (Utterance u : utterances) {
            Emotion target = targets.get(u.emotion());
            if (target == null) {
                excluded.merge(u.emotion(), 1, Integer::sum);
            } else {
                kept.add(u.withEmotion(target));
            }
        }
        return new Selection(this, kept, excluded);
    }

    /**
     * The outcome of {@link #select}: the kept utterances (relabelled to classes) and how many were excluded per
     * original emotion.
     */
    public record Selection(LabelMap map, List<Utterance> utterances, Map<Emotion, Integer> excluded) {
        public Selection {
            utterances = List.copyOf(utterances);
            excluded = Collections.unmodifiableMap(excluded.isEmpty() ? new EnumMap<>(Emotion.class)
                    : new EnumMap<>(excluded));
        }

        /** Class index per kept utterance, aligned with {@link #utterances()}. */
        public int[] labels() {
            return utterances.stream().mapToInt(u -> map.classIndex(u.emotion())).toArray();
        }

        /** Total number excluded. */
        public int excludedCount() {
            return excluded.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    // ----------------------------------------------------------------------------------------------- named maps

    /** The names {@link #named} accepts. */
    public static List<String> names() {
        return List.of(DEFAULT, "ravdess", "emodb", "crema-d", "tess", "savee");
    }

    /** The 7-class default map. */
    public static LabelMap defaults() {
        return named(DEFAULT);
    }

    /** A named map (see the class comment), case-insensitive. */
    public static LabelMap named(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        Map<Emotion, Emotion> m = new EnumMap<>(Emotion.class);
        for (Emotion e : List.of(Emotion.NEUTRAL, Emotion.HAPPY, Emotion.SAD, Emotion.ANGRY, Emotion.FEARFUL,
                Emotion.DISGUST, Emotion.SURPRISED)) {
            m.put(e, e);
        }
        m.put(Emotion.CALM, Emotion.NEUTRAL);
        switch (key) {
            case DEFAULT, "tess", "savee" -> {
            }
            case "ravdess" -> m.put(Emotion.CALM, Emotion.CALM);
            case "emodb", "emo-db" -> {
                m.remove(Emotion.SURPRISED);
                m.put(Emotion.BOREDOM, Emotion.BOREDOM);
            }
            case "crema-d", "cremad" -> m.remove(Emotion.SURPRISED);
            default -> throw new LabelMapException(name, "unknown label map (known: " + names() + ")");
        }
        return new LabelMap(key, m);
    }

    // ------------------------------------------------------------------------------------------- rule files

    /** Reads a rule file (see the class comment). */
    public static LabelMap load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new LabelMapException(file.toString(), "file not found");
        } catch (IOException e) {
            throw new LabelMapException(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    /** Parses rules (see the class comment); {@code source} names them in error messages. */
    public static LabelMap parse(String rules, String source) {
        Map<Emotion, Emotion> targets = null;
        String[] lines = rules.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceFirst("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            String where = source + ":" + (i + 1);
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new LabelMapException(where, "'" + line + "' is not of the form emotion=target");
            }
            String key = line.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
            if (key.equals("base")) {
                if (targets != null) {
                    throw new LabelMapException(where, "base= must come before any rule");
                }
                targets = new EnumMap<>(named(value).targets);
                continue;
            }
            if (targets == null) {
                targets = new EnumMap<>(defaults().targets);
            }
            Emotion emotion = emotionIn(key, where);
            if (value.equals(EXCLUDE)) {
                targets.remove(emotion);
            } else {
                targets.put(emotion, emotionIn(value, where));
            }
        }
        return new LabelMap(source, targets == null ? defaults().targets : targets);
    }

    private static Emotion emotionIn(String word, String where) {
        return Emotion.fromWord(word).orElseThrow(() -> new LabelMapException(where, "unknown emotion '" + word
                + "' (known: " + labels(List.of(Emotion.values())) + ", or 'exclude' as a target)"));
    }

    /** The map as rule lines, one per emotion, which {@link #parse} reads back to an equal map. */
    public String toRules() {
        Map<String, String> lines = new LinkedHashMap<>();
        for (Emotion e : Emotion.values()) {
            Emotion target = targets.get(e);
            lines.put(e.label(), target == null ? EXCLUDE : target.label());
        }
        return lines.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static List<String> labels(List<Emotion> emotions) {
        return emotions.stream().map(Emotion::label).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMap other && targets.equals(other.targets);
    }

    @Override
    public int hashCode() {
        return targets.hashCode();
    }

    @Override
    public String toString() {
        return "LabelMap[" + name + ": " + labels(classes) + "]";
    }
}
