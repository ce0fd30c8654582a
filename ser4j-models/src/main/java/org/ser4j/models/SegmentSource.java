package org.ser4j.models;

import java.util.ArrayList;
import java.util.List;
import org.ser4j.audio.Signal;
import org.ser4j.audio.effects.VoiceActivity;

/**
 * Where in a recording to make segment-level predictions: voice-activity segments for recordings with pauses, or
 * fixed windows for continuous speech. Pluggable so the audio module's voice-activity detector can be used.
 */
@FunctionalInterface
public interface SegmentSource {
    /** A stretch of a recording, in seconds. */
    record Span(double startS, double endS) {
        public Span {
            if (!(endS > startS) || startS < 0) {
                throw new IllegalArgumentException("bad segment [" + startS + ", " + endS + ")");
            }
        }
    }

    /** Audio each side of a voice-activity segment that its features also see (see {@link #contextS()}). */
    double VOICE_ACTIVITY_CONTEXT_S = 0.5;

    /** The stretches to classify, in time order. */
    List<Span> segments(Signal signal);

    /**
     * Seconds of audio before and after each span that the span's features may also see, never past the middle
     * of the gap to a neighbouring span; 0 (the default): exactly the span. The feature set's conditioning trims this context
     * back to where the voice starts and ends, so a segment is cut the same way as a whole clip of that speech
     * would be, instead of where the segmenter's thresholds happened to open it.
     */
    default double contextS() {
        return 0;
    }

    /** Speech segments found by the audio module's voice-activity detector (default parameters). */
    static SegmentSource voiceActivity() {
        return new SegmentSource() {
            @Override
            public List<Span> segments(Signal signal) {
                return VoiceActivity.segments(signal).stream()
                        .map(seg -> new Span(seg.startSeconds(), seg.endSeconds())).toList();
            }

            @Override
            public double contextS() {
                return VOICE_ACTIVITY_CONTEXT_S;
            }
        };
    }

    /**
     * Windows of {@code windowS} seconds every {@code hopS} seconds. The last window ends at the end of the
     * recording (so the tail is covered); a recording shorter than one window is one segment.
     */
    static SegmentSource fixedWindows(double windowS, double hopS) {
        if (!(windowS > 0) || !(hopS > 0)) {
            throw new IllegalArgumentException("window and hop must be positive, got " + windowS + " and " + hopS);
        }
        return signal -> {
            double duration = signal.durationSeconds();
            List<Span> spans = new ArrayList<>();
            if (duration <= windowS) {
                spans.add(new Span(0, duration));
                return spans;
            }
            double start = 0;
            for (; start + windowS < duration; start += hopS) {
                spans.add(new Span(start, start + windowS));
            }
            spans.add(new Span(duration - windowS, duration));
            return spans;
        };
    }
}
