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
 * RAVDESS (Livingstone &amp; Russo 2018). Layout {@code Actor_NN/MM-VV-EE-II-SS-RR-AA.wav}; the name alone carries
 * every label, seven two-digit fields:
 * <ul>
 *   <li>MM modality: 01 full audio-video, 02 video-only, 03 audio-only;</li>
 *   <li>VV vocal channel: 01 speech, 02 song;</li>
 *   <li>EE emotion: 01 neutral, 02 calm, 03 happy, 04 sad, 05 angry, 06 fearful, 07 disgust, 08 surprised;</li>
 *   <li>II intensity: 01 normal, 02 strong (neutral has only 01);</li>
 *   <li>SS statement: 01 "Kids are talking by the door", 02 "Dogs are sitting by the door";</li>
 *   <li>RR repetition: 01, 02;</li>
 *   <li>AA actor: 01-24, odd = male, even = female.</li>
 * </ul>
 * Speaker ids are {@code ravdess:AA}. Extra codes: {@code modality}, {@code channel}, {@code intensity},
 * {@code statement}, {@code repetition}. The {@code Actor_NN} folders are optional (flat copies load too).
 */
public final class RavdessLoader extends FileNameCorpusLoader {
    public static final String NAME = "ravdess";

    private static final Pattern FILE = Pattern.compile("(\\d\\d)-(\\d\\d)-(\\d\\d)-(\\d\\d)-(\\d\\d)-(\\d\\d)-(\\d\\d)");
    private static final Emotion[] EMOTIONS = {Emotion.NEUTRAL, Emotion.CALM, Emotion.HAPPY, Emotion.SAD,
            Emotion.ANGRY, Emotion.FEARFUL, Emotion.DISGUST, Emotion.SURPRISED};

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String layout() {
        return "Actor_NN/MM-VV-EE-II-SS-RR-AA.<audio>, e.g. Actor_01/03-01-05-02-01-01-01.wav";
    }

    @Override
    List<Path> layoutFolders(Path root) {
        return subfoldersMatching(root, "Actor_\\d\\d");
    }

    @Override
    Utterance parse(Path root, Path file) throws NameMismatch {
        Matcher m = FILE.matcher(AudioFiles.baseName(file));
        if (!m.matches()) {
            throw new NameMismatch("not named MM-VV-EE-II-SS-RR-AA");
        }
        String modality = switch (m.group(1)) {
            case "01" -> "audio-video";
            case "02" -> "video-only";
            case "03" -> "audio-only";
            default -> throw new NameMismatch("unknown modality code " + m.group(1));
        };
        String channel = switch (m.group(2)) {
            case "01" -> "speech";
            case "02" -> "song";
            default -> throw new NameMismatch("unknown vocal channel code " + m.group(2));
        };
        int emotionCode = Integer.parseInt(m.group(3));
        if (emotionCode < 1 || emotionCode > EMOTIONS.length) {
            throw new NameMismatch("unknown emotion code " + m.group(3));
        }
        String intensity = switch (m.group(4)) {
            case "01" -> "normal";
            case "02" -> "strong";
            default -> throw new NameMismatch("unknown intensity code " + m.group(4));
        };
        requireOneOrTwo(m.group(5), "statement");
        requireOneOrTwo(m.group(6), "repetition");
        int actor = Integer.parseInt(m.group(7));
        if (actor < 1) {
            throw new NameMismatch("actor 00 does not exist");
        }
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("modality", modality);
        extra.put("channel", channel);
        extra.put("intensity", intensity);
        extra.put("statement", m.group(5));
        extra.put("repetition", m.group(6));
        return new Utterance(file, NAME, NAME + ":" + m.group(7), actor % 2 == 1 ? Gender.MALE : Gender.FEMALE,
                EMOTIONS[emotionCode - 1], extra);
    }

    private static void requireOneOrTwo(String code, String field) throws NameMismatch {
        if (!code.equals("01") && !code.equals("02")) {
            throw new NameMismatch("unknown " + field + " code " + code);
        }
    }
}
