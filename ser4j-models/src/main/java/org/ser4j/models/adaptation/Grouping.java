package org.ser4j.models.adaptation;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.ser4j.data.Utterance;
import org.ser4j.models.ModelBundle;

/**
 * How recordings are grouped for adaptation ({@code --adapt}): each group is taken to share a speaker or a channel,
 * and an adapting model answers each recording with its group's statistics. No emotion labels are used.
 */
public enum Grouping {
    /** Every recording on its own (the population's statistics). */
    NONE,
    /** By the speaker a corpus loader or a CSV gives. */
    SPEAKER,
    /** By the folder a file is in (e.g. one folder per speaker, session or line). */
    FOLDER,
    /** By corpus: one corpus, one recording set-up (unlabelled adaptation to a new channel). */
    CORPUS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The grouping named {@code id}, if {@code allowed} holds it.
     *
     * @throws IllegalArgumentException naming the allowed values otherwise
     */
    public static Grouping parse(String id, Set<Grouping> allowed) {
        for (Grouping g : allowed) {
            if (g.id().equalsIgnoreCase(id)) {
                return g;
            }
        }
        throw new IllegalArgumentException("--adapt must be " + allowed.stream().map(Grouping::id)
                .collect(Collectors.joining(", ")) + ", not '" + id + "'");
    }

    /** Every grouping but {@code except}. */
    public static Set<Grouping> allBut(Grouping except) {
        Set<Grouping> all = EnumSet.allOf(Grouping.class);
        all.remove(except);
        return all;
    }

    /**
     * Refuses a grouping the model cannot use: any grouping with a model that does not adapt, and none with a model
     * that standardises per speaker (it cannot answer a clip on its own).
     *
     * @throws IllegalArgumentException saying what to do instead
     */
    public void check(ModelBundle bundle) {
        Adaptation adaptation = bundle.adaptation().orElse(null);
        if (this != NONE && adaptation == null) {
            throw new IllegalArgumentException("--adapt " + id() + ": model " + bundle.provenance().name()
                    + " does not adapt (use default-adaptive, commercial-adaptive or a model trained with "
                    + "--adaptation relative)");
        }
        if (this == NONE && adaptation != null && adaptation.method() == Adaptation.Method.PLAIN) {
            throw new IllegalArgumentException("model " + bundle.provenance().name() + " standardises features per "
                    + "speaker and cannot answer a clip on its own: give --adapt folder, speaker or corpus");
        }
    }

    /** The group of a labelled utterance (null for {@link #NONE}). */
    public String groupOf(Utterance u) {
        return switch (this) {
            case NONE -> null;
            case SPEAKER -> u.speaker();
            case FOLDER -> folderOf(u.path());
            case CORPUS -> u.corpus();
        };
    }

    /** A file's folder, as a group name. */
    public static String folderOf(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent == null ? "/" : parent.toString();
    }
}
