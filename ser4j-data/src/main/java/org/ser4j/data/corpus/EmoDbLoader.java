package org.ser4j.data.corpus;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ser4j.data.Emotion;
import org.ser4j.data.Gender;
import org.ser4j.data.Utterance;

/**
 * EMO-DB, the Berlin Database of Emotional Speech (Burkhardt et al. 2005). Layout {@code wav/SSTTTEV.wav}, e.g.
 * {@code 03a01Fa}:
 * <ul>
 *   <li>SS speaker, two digits: 03 m, 08 f, 09 f, 10 m, 11 m, 12 m, 13 f, 14 f, 15 m, 16 f;</li>
 *   <li>TTT text code, a letter and two digits (a01 a02 a04 a05 a07 b01 b02 b03 b09 b10);</li>
 *   <li>E emotion, German initial: W Ärger (anger), L Langeweile (boredom), E Ekel (disgust), A Angst (fear),
 *       F Freude (happiness), T Trauer (sadness), N neutral;</li>
 *   <li>V version letter (a, b, c, ... for repeated takes).</li>
 * </ul>
 * Speaker ids are {@code emodb:SS}; extra codes {@code text} and {@code version}. The {@code wav/} folder is
 * optional. A speaker missing from the table gets gender unknown.
 */
public final class EmoDbLoader extends FileNameCorpusLoader {
    public static final String NAME = "emodb";

    private static final Pattern FILE = Pattern.compile("(\\d\\d)([ab]\\d\\d)([A-Z])([a-z])");
    private static final Map<String, Gender> SPEAKERS = Map.of(
            "03", Gender.MALE, "08", Gender.FEMALE, "09", Gender.FEMALE, "10", Gender.MALE, "11", Gender.MALE,
            "12", Gender.MALE, "13", Gender.FEMALE, "14", Gender.FEMALE, "15", Gender.MALE, "16", Gender.FEMALE);
    private static final Map<Character, Emotion> EMOTIONS = Map.of(
            'W', Emotion.ANGRY, 'L', Emotion.BOREDOM, 'E', Emotion.DISGUST, 'A', Emotion.FEARFUL,
            'F', Emotion.HAPPY, 'T', Emotion.SAD, 'N', Emotion.NEUTRAL);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String layout() {
        return "wav/SSTTTEV.<audio>, e.g. wav/03a01Fa.wav";
    }

    @Override
    List<Path> layoutFolders(Path root) {
        return subfoldersMatching(root, "wav");
    }

    @Override
    Utterance parse(Path root, Path file) throws NameMismatch {
        Matcher m = FILE.matcher(AudioFiles.baseName(file));
        if (!m.matches()) {
            throw new NameMismatch("not named SSTTTEV (speaker, text, emotion letter, version)");
        }
        Emotion emotion = EMOTIONS.get(m.group(3).charAt(0));
        if (emotion == null) {
            throw new NameMismatch("unknown emotion letter " + m.group(3) + " (known: W L E A F T N)");
        }
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("text", m.group(2));
        extra.put("version", m.group(4));
        return new Utterance(file, NAME, NAME + ":" + m.group(1), SPEAKERS.getOrDefault(m.group(1), Gender.UNKNOWN),
                emotion, extra);
    }
}
