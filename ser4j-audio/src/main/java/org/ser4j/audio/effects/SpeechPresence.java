package org.ser4j.audio.effects;

import java.util.List;
import org.ser4j.audio.Signal;

/**
 * Whether a recording holds any speech at all, so that silence or steady noise gets a "no speech" answer instead of
 * a confident emotion. Two tests, on the signal with its DC offset removed:
 * <ul>
 *   <li>silence: no sample reaches {@code silenceDbfs} (digital silence, or a line with nothing on it);</li>
 *   <li>no activity: {@link VoiceActivity} finds less than {@code minSpeechSeconds} of speech. Its frames must rise
 *       above the recording's own floor (10th percentile of frame levels), which steady noise (hum, hiss, fan,
 *       room tone) never does however loud it is.</li>
 * </ul>
 * Pure and thread-safe.
 *
 * @param silenceDbfs      peak level under which a recording is silent (default -70 dBFS, about 10 LSB of 16-bit)
 * @param minSpeechSeconds least total voice activity for speech (default 0.25 s)
 * @param activity         the voice-activity detector
 */
public record SpeechPresence(double silenceDbfs, double minSpeechSeconds, VoiceActivity activity) {

    /** The defaults. */
    public static final SpeechPresence DEFAULT = new SpeechPresence(-70, 0.25, VoiceActivity.DEFAULT);

    /**
     * The verdict.
     *
     * @param speech         whether speech was found
     * @param reason         why not (null when speech was found)
     * @param speechSeconds  total duration of the voice-activity segments
     * @param segments       the voice-activity segments (empty for silence)
     */
    public record Verdict(boolean speech, String reason, double speechSeconds, List<Segment> segments) {
    }

    /** Checks a signal with the default parameters. */
    public static Verdict of(Signal signal) {
        return DEFAULT.check(signal);
    }

    /** The verdict for a recording. */
    public Verdict check(Signal signal) {
        float[] y = signal.samples();
        double mean = 0;
        for (float v : y) {
            mean += v;
        }
        mean = y.length == 0 ? 0 : mean / y.length;
        float[] centred = new float[y.length];
        double peak = 0;
        for (int i = 0; i < y.length; i++) {
            centred[i] = (float) (y[i] - mean);
            peak = Math.max(peak, Math.abs(centred[i]));
        }
        if (peak < Math.pow(10, silenceDbfs / 20)) {
            return new Verdict(false, String.format("silence (peak %s dBFS, under %.0f dBFS)",
                    peak == 0 ? "-inf" : String.format("%.1f", 20 * Math.log10(peak)), silenceDbfs), 0, List.of());
        }
        List<Segment> segments = activity.detect(new Signal(centred, signal.sampleRate(), signal.source()));
        double seconds = segments.stream().mapToDouble(s -> s.endSeconds() - s.startSeconds()).sum();
        if (seconds < minSpeechSeconds) {
            return new Verdict(false, String.format("no voice activity (%.2f s of sound above the recording's steady "
                    + "floor, under %.2f s)", seconds, minSpeechSeconds), seconds, segments);
        }
        return new Verdict(true, null, seconds, segments);
    }
}
