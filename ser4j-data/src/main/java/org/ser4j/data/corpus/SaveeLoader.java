package org.ser4j.data.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ser4j.data.Emotion;
import org.ser4j.data.Gender;
import org.ser4j.data.Utterance;

/**
 * SAVEE, Surrey Audio-Visual Expressed Emotion (Haq &amp; Jackson 2009): four male speakers DC, JE, JK, KL, 480
 * clips at 44.1 kHz. Original layout {@code AudioData/<speaker>/<code><nn>.wav}, e.g. {@code AudioData/DC/sa03.wav};
 * a common flat copy names files {@code <speaker>_<code><nn>.wav}, e.g. {@code DC_sa03.wav}.
 * <ul>
 *   <li>code: a anger, d disgust, f fear, h happiness, n neutral, sa sadness, su surprise (lower case in the
 *       corpus; matched case-insensitively);</li>
 *   <li>nn: sentence number within that emotion, 01-15 (01-30 for neutral).</li>
 * </ul>
 * The speaker is the file-name prefix if there is one, else the folder name. Speaker ids are {@code savee:DC} etc.;
 * all male. Extra code: {@code sentence}.
 */
public final class SaveeLoader extends FileNameCorpusLoader {
    public static final String NAME = "savee";

    private static final Set<String> SPEAKERS = Set.of("DC", "JE", "JK", "KL");
    private static final Pattern FILE = Pattern.compile("(?i)(?:([a-z]{2})_)?(sa|su|a|d|f|h|n)(\\d\\d)");
    private static final Map<String, Emotion> CODES = Map.of("a", Emotion.ANGRY, "d", Emotion.DISGUST,
            "f", Emotion.FEARFUL, "h", Emotion.HAPPY, "n", Emotion.NEUTRAL, "sa", Emotion.SAD,
            "su", Emotion.SURPRISED);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String layout() {
        return "AudioData/<DC|JE|JK|KL>/<code><nn>.<audio> or <speaker>_<code><nn>.<audio>, e.g. AudioData/DC/sa03.wav";
    }

    @Override
    List<Path> layoutFolders(Path root) {
        List<Path> folders = new ArrayList<>(subfoldersMatching(root, "DC|JE|JK|KL"));
        for (Path audioData : subfoldersMatching(root, "AudioData")) {
            folders.addAll(subfoldersMatching(audioData, "DC|JE|JK|KL"));
        }
        return folders;
    }

    @Override
    Utterance parse(Path root, Path file) throws NameMismatch {
        Matcher m = FILE.matcher(AudioFiles.baseName(file));
        if (!m.matches()) {
            throw new NameMismatch("not named <code><nn> or <speaker>_<code><nn> (codes a d f h n sa su)");
        }
        String speaker = m.group(1) != null ? m.group(1)
                : file.getParent() == null ? "" : file.getParent().getFileName().toString();
        speaker = speaker.toUpperCase(Locale.ROOT);
        if (!SPEAKERS.contains(speaker)) {
            throw new NameMismatch("unknown SAVEE speaker '" + speaker + "' (known: DC, JE, JK, KL)");
        }
        Emotion emotion = CODES.get(m.group(2).toLowerCase(Locale.ROOT));
        return new Utterance(file, NAME, NAME + ":" + speaker, Gender.MALE, emotion, Map.of("sentence", m.group(3)));
    }
}
