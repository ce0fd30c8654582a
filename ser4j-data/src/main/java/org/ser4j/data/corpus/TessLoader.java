package org.ser4j.data.corpus;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ser4j.data.Emotion;
import org.ser4j.data.Gender;
import org.ser4j.data.Utterance;

/**
 * TESS, the Toronto Emotional Speech Set (Dupuis &amp; Pichora-Fuller 2010): two female speakers, OAF and YAF.
 * Layout {@code <speaker>_<emotion>/<speaker>_<word>_<emotion>.wav}, e.g. {@code OAF_angry/OAF_back_angry.wav}.
 * <ul>
 *   <li>The emotion is the file name's last {@code _} field: angry, disgust, fear, happy, neutral, ps (pleasant
 *       surprise, harmonised to surprised), sad; matched case-insensitively.</li>
 *   <li>The speaker comes from the folder name ({@code OAF_...}/{@code YAF_...}), whose emotion part is spelled
 *       differently across copies ({@code OAF_Fear}, {@code OAF_Pleasant_surprise}, {@code YAF_pleasant_surprised})
 *       and is therefore ignored. Without such a folder it comes from the file name, where the corpus itself
 *       once writes {@code OA_} for {@code OAF_} ({@code OAF_neutral/OA_bite_neutral}).</li>
 *   <li>The middle fields are the target word of "Say the word ___".</li>
 * </ul>
 * Speaker ids are {@code tess:OAF}, {@code tess:YAF}; both female. Extra code: {@code word}.
 */
public final class TessLoader extends FileNameCorpusLoader {
    public static final String NAME = "tess";

    private static final Set<Emotion> EMOTIONS = EnumSet.of(Emotion.ANGRY, Emotion.DISGUST, Emotion.FEARFUL,
            Emotion.HAPPY, Emotion.NEUTRAL, Emotion.SURPRISED, Emotion.SAD);
    /** Speaker spellings seen in names, to the speaker they denote. */
    private static final Map<String, String> SPEAKERS = Map.of("OAF", "OAF", "YAF", "YAF", "OA", "OAF", "YA", "YAF");
    private static final String SPEAKER_FOLDER = "(OAF|YAF)_.+";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String layout() {
        return "<OAF|YAF>_<emotion>/<speaker>_<word>_<emotion>.<audio>, e.g. OAF_angry/OAF_back_angry.wav";
    }

    @Override
    List<Path> layoutFolders(Path root) {
        return subfoldersMatching(root, SPEAKER_FOLDER);
    }

    @Override
    Utterance parse(Path root, Path file) throws NameMismatch {
        String[] fields = AudioFiles.baseName(file).split("_");
        if (fields.length < 3) {
            throw new NameMismatch("not named <speaker>_<word>_<emotion>");
        }
        String emotionWord = fields[fields.length - 1];
        Emotion emotion = Emotion.fromWord(emotionWord).filter(EMOTIONS::contains)
                .orElseThrow(() -> new NameMismatch("unknown TESS emotion '" + emotionWord
                        + "' (known: angry, disgust, fear, happy, neutral, ps, sad)"));
        String speaker = speakerOf(file, fields[0]);
        String word = String.join("_", Arrays.asList(fields).subList(1, fields.length - 1));
        return new Utterance(file, NAME, NAME + ":" + speaker, Gender.FEMALE, emotion, Map.of("word", word));
    }

    private static String speakerOf(Path file, String fileNamePrefix) throws NameMismatch {
        Path folder = file.getParent() == null ? null : file.getParent().getFileName();
        if (folder != null && folder.toString().matches("(?i)" + SPEAKER_FOLDER)) {
            return folder.toString().substring(0, 3).toUpperCase(Locale.ROOT);
        }
        String speaker = SPEAKERS.get(fileNamePrefix.toUpperCase(Locale.ROOT));
        if (speaker == null) {
            throw new NameMismatch("unknown TESS speaker '" + fileNamePrefix + "' (known: OAF, YAF)");
        }
        return speaker;
    }
}
