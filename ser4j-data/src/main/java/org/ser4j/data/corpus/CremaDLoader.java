package org.ser4j.data.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ser4j.data.CorpusException;
import org.ser4j.data.Emotion;
import org.ser4j.data.Gender;
import org.ser4j.data.Utterance;

/**
 * CREMA-D (Cao et al. 2014). Layout {@code AudioWAV/AAAA_SSS_EEE_LL.wav}, e.g. {@code AudioWAV/1001_DFA_ANG_XX.wav}:
 * <ul>
 *   <li>AAAA actor, 1001-1091;</li>
 *   <li>SSS sentence code: IEO, TIE, IOM, IWW, TAI, MTI, IWL, ITH, DFA, ITS, TSI, WSI;</li>
 *   <li>EEE emotion: ANG anger, DIS disgust, FEA fear, HAP happy, NEU neutral, SAD sad;</li>
 *   <li>LL level: LO low, MD medium, HI high, XX unspecified.</li>
 * </ul>
 * Codes are upper case in the corpus and matched case-insensitively. Gender comes from the official
 * {@code VideoDemographics.csv} (columns ActorID and Sex) beside the folder holding the clips (so beside
 * {@code AudioWAV}) or in the folder given to {@link #load}; without it, or for an actor it does not list, gender is
 * unknown. Speaker ids are {@code crema-d:AAAA}; extra codes {@code sentence} and {@code level}.
 */
public final class CremaDLoader extends FileNameCorpusLoader {
    public static final String NAME = "crema-d";
    public static final String DEMOGRAPHICS = "VideoDemographics.csv";

    private static final Pattern FILE = Pattern.compile("(?i)(\\d{4})_([a-z]{3})_([a-z]{3})_([a-z]{2})");
    private static final Set<String> SENTENCES = Set.of("IEO", "TIE", "IOM", "IWW", "TAI", "MTI", "IWL", "ITH",
            "DFA", "ITS", "TSI", "WSI");
    private static final Map<String, Emotion> EMOTIONS = Map.of("ANG", Emotion.ANGRY, "DIS", Emotion.DISGUST,
            "FEA", Emotion.FEARFUL, "HAP", Emotion.HAPPY, "NEU", Emotion.NEUTRAL, "SAD", Emotion.SAD);
    private static final Set<String> LEVELS = Set.of("LO", "MD", "HI", "XX");

    /** Demographics tables read so far, keyed by file and its modification time so an edited file is re-read. */
    private final Map<String, Map<String, Gender>> demographics = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String layout() {
        return "AudioWAV/AAAA_SSS_EEE_LL.<audio> (+ VideoDemographics.csv), e.g. AudioWAV/1001_DFA_ANG_XX.wav";
    }

    @Override
    List<Path> layoutFolders(Path root) {
        return subfoldersMatching(root, "AudioWAV");
    }

    @Override
    Utterance parse(Path root, Path file) throws NameMismatch {
        Matcher m = FILE.matcher(AudioFiles.baseName(file));
        if (!m.matches()) {
            throw new NameMismatch("not named AAAA_SSS_EEE_LL (actor, sentence, emotion, level)");
        }
        String actor = m.group(1);
        String sentence = m.group(2).toUpperCase(Locale.ROOT);
        String emotionCode = m.group(3).toUpperCase(Locale.ROOT);
        String level = m.group(4).toUpperCase(Locale.ROOT);
        if (!SENTENCES.contains(sentence)) {
            throw new NameMismatch("unknown sentence code " + sentence);
        }
        Emotion emotion = EMOTIONS.get(emotionCode);
        if (emotion == null) {
            throw new NameMismatch("unknown emotion code " + emotionCode + " (known: ANG DIS FEA HAP NEU SAD)");
        }
        if (!LEVELS.contains(level)) {
            throw new NameMismatch("unknown level code " + level + " (known: LO MD HI XX)");
        }
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("sentence", sentence);
        extra.put("level", level);
        return new Utterance(file, NAME, NAME + ":" + actor, genderOf(root, file, actor), emotion, extra);
    }

    private Gender genderOf(Path root, Path file, String actor) {
        Path folder = file.getParent();
        Path beside = folder == null ? null : folder.resolveSibling(DEMOGRAPHICS);
        for (Path csv : new Path[] {beside, root.resolve(DEMOGRAPHICS)}) {
            if (csv != null && Files.isRegularFile(csv)) {
                return readDemographics(csv).getOrDefault(actor, Gender.UNKNOWN);
            }
        }
        return Gender.UNKNOWN;
    }

    private Map<String, Gender> readDemographics(Path csv) {
        String key;
        try {
            FileTime modified = Files.getLastModifiedTime(csv);
            key = csv.toAbsolutePath().normalize() + "@" + modified.toMillis();
        } catch (IOException e) {
            throw new CorpusException(csv.toString(), "cannot read: " + e.getMessage(), e);
        }
        return demographics.computeIfAbsent(key, k -> parseDemographics(csv));
    }

    /** ActorID → gender from the Sex column ("Male"/"Female"); the header names the columns. */
    static Map<String, Gender> parseDemographics(Path csv) {
        List<List<String>> rows = CsvLines.read(csv);
        if (rows.isEmpty()) {
            throw new CorpusException(csv.toString(), "empty demographics file");
        }
        List<String> header = rows.get(0).stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        int actorColumn = header.indexOf("actorid");
        int sexColumn = header.indexOf("sex");
        if (actorColumn < 0 || sexColumn < 0) {
            throw new CorpusException(csv.toString(), "no ActorID and Sex columns in header " + rows.get(0));
        }
        Map<String, Gender> genders = new HashMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() > Math.max(actorColumn, sexColumn)) {
                genders.put(row.get(actorColumn), Gender.fromWord(row.get(sexColumn)));
            }
        }
        return Map.copyOf(genders);
    }
}
