package org.ser4j.audio.effects;

import java.util.ArrayList;
import java.util.List;

/**
 * Online speech segmentation of an endless sample stream, with memory bounded by the longest segment.
 *
 * <p>{@link VoiceActivity} needs the whole recording (its noise floor is a percentile over all frames), so a
 * stream (the server's WebSocket, a recording hours long) needs its own endpointer: 20 ms frames; a frame is speech when its level is
 * {@value #MARGIN_DB} dB above a running noise floor (and above {@value #ABSOLUTE_FLOOR_DB} dBFS); a segment opens
 * at the first speech frame (with {@value #PRE_ROLL_FRAMES} frames of lead-in) and closes after
 * {@code hangoverS} seconds without speech, or when it reaches {@code maxSegmentS}. Segments with less than
 * {@code minSpeechS} of speech are dropped. Not thread-safe: one per stream.
 *
 * <p>The floor follows quiet frames, and it is never below the quietest frame of the last
 * {@value #FLOOR_WINDOW_S} s (minimum statistics): speech always has quieter moments within a few seconds, steady
 * noise does not, so a hum, a fan or hiss that is there from the start (or switches on later) stops counting as
 * speech after {@value #FLOOR_WINDOW_S} s instead of being cut into endless 10 s "speech" segments. Whether a
 * closed segment holds speech at all is then decided by the predictor ({@link SpeechPresence}).
 */
public final class StreamSegmenter {
    /** A finished segment: its place in the stream and its samples. */
    public record Closed(double startS, double endS, float[] samples) {
    }

    static final double MARGIN_DB = 10;
    static final double ABSOLUTE_FLOOR_DB = -55;
    static final int PRE_ROLL_FRAMES = 5;
    static final double INITIAL_NOISE_DB = -65;
    /** Seconds of frame levels whose minimum bounds the noise floor from below. */
    static final double FLOOR_WINDOW_S = 3.0;

    private final int sampleRate;
    private final int frame;
    private final int hangoverFrames;
    private final int minSpeechFrames;
    /** Longest segment in samples. */
    private final int maxSegment;
    /** The open segment's samples; grows with the speech received (up to {@link #maxSegment}), never up front. */
    private float[] segment = new float[0];
    private final float[] preRoll;
    private final float[] pending;
    private int pendingLen;
    private int preRollLen;
    private int segmentLen;
    private long segmentStart;
    private long consumed;
    private boolean inSpeech;
    private int silentFrames;
    private int speechFrames;
    private int lastSpeechEnd;
    /** Running noise floor; starts low so that a stream opening in mid-speech is still heard as speech. */
    private double noiseDb = INITIAL_NOISE_DB;
    /** Levels (dB) of the last {@link #FLOOR_WINDOW_S} seconds of frames, a ring. */
    private final double[] recentDb;
    private int recentNext;
    private int recentFilled;

    public StreamSegmenter(int sampleRate, double hangoverS, double maxSegmentS, double minSpeechS) {
        this.sampleRate = sampleRate;
        this.frame = Math.max(1, sampleRate / 50);
        this.hangoverFrames = Math.max(1, (int) Math.round(hangoverS * 50));
        this.minSpeechFrames = Math.max(1, (int) Math.round(minSpeechS * 50));
        this.maxSegment = (int) Math.ceil(maxSegmentS * sampleRate);
        this.preRoll = new float[PRE_ROLL_FRAMES * frame];
        this.pending = new float[frame];
        this.recentDb = new double[(int) Math.round(FLOOR_WINDOW_S * 50)];
    }

    /** The longest segment {@link #forSpeech} buffers, in seconds. */
    public static final double SPEECH_MAX_SEGMENT_S = 10;

    /** Defaults for speech: 0.4 s hangover, {@value #SPEECH_MAX_SEGMENT_S} s longest segment, 0.25 s least speech. */
    public static StreamSegmenter forSpeech(int sampleRate) {
        return new StreamSegmenter(sampleRate, 0.4, SPEECH_MAX_SEGMENT_S, 0.25);
    }

    /** Feeds samples; returns the segments that closed during them (usually none). */
    public List<Closed> accept(float[] samples, int offset, int length) {
        List<Closed> closed = new ArrayList<>(0);
        for (int i = offset; i < offset + length; i++) {
            pending[pendingLen++] = samples[i];
            if (pendingLen == frame) {
                Closed c = frame(pending);
                if (c != null) {
                    closed.add(c);
                }
                pendingLen = 0;
            }
        }
        return closed;
    }

    /** Ends the stream: the open segment (if it has enough speech) is closed and returned. */
    public List<Closed> flush() {
        List<Closed> closed = new ArrayList<>(0);
        if (inSpeech) {
            Closed c = close();
            if (c != null) {
                closed.add(c);
            }
        }
        return closed;
    }

    /** Samples of buffer this segmenter holds now: a few frames between segments, up to the longest segment in one. */
    public int bufferedCapacity() {
        return segment.length + preRoll.length + pending.length;
    }

    /** Samples seen so far. */
    public long position() {
        return consumed + pendingLen;
    }

    private Closed frame(float[] f) {
        double energy = 0;
        for (float v : f) {
            energy += v * v;
        }
        double db = 10 * Math.log10(energy / f.length + 1e-12);
        raiseFloorToRecentMinimum(db);
        boolean speech = db > Math.max(ABSOLUTE_FLOOR_DB, noiseDb + MARGIN_DB);
        if (!speech) {
            // The floor follows quiet frames slowly upwards and drops at once to a quieter one.
            noiseDb = db < noiseDb ? db : 0.95 * noiseDb + 0.05 * db;
        }
        Closed closed = null;
        if (!inSpeech && speech) {
            inSpeech = true;
            segmentStart = consumed - preRollLen;
            ensureSegmentCapacity(preRollLen);
            System.arraycopy(preRoll, 0, segment, 0, preRollLen);
            segmentLen = preRollLen;
            silentFrames = 0;
            speechFrames = 0;
        }
        if (inSpeech) {
            ensureSegmentCapacity(segmentLen + f.length);
            System.arraycopy(f, 0, segment, segmentLen, f.length);
            segmentLen += f.length;
            if (speech) {
                speechFrames++;
                silentFrames = 0;
                lastSpeechEnd = segmentLen;
            } else {
                silentFrames++;
            }
            if (silentFrames >= hangoverFrames || segmentLen + frame > maxSegment) {
                closed = close();
            }
        } else {
            rememberPreRoll(f);
        }
        consumed += f.length;
        return closed;
    }

    /** Minimum statistics: a floor under every frame of the last few seconds is too low, so it rises to them. */
    private void raiseFloorToRecentMinimum(double db) {
        recentDb[recentNext] = db;
        recentNext = (recentNext + 1) % recentDb.length;
        if (recentFilled < recentDb.length) {
            recentFilled++;
            return;
        }
        double min = Double.POSITIVE_INFINITY;
        for (double v : recentDb) {
            min = Math.min(min, v);
        }
        if (min > noiseDb) {
            noiseDb = min;
        }
    }

    private Closed close() {
        inSpeech = false;
        preRollLen = 0;
        float[] held = segment;
        segment = new float[0]; // between segments a stream holds no segment buffer
        if (speechFrames < minSpeechFrames) {
            return null;
        }
        // Keep 100 ms after the last speech frame, not the whole hangover.
        int end = Math.min(segmentLen, lastSpeechEnd + 5 * frame);
        float[] samples = java.util.Arrays.copyOf(held, end);
        return new Closed(segmentStart / (double) sampleRate, (segmentStart + end) / (double) sampleRate, samples);
    }

    /**
     * Grows the segment buffer (doubling, capped at the longest segment), so memory follows the speech actually
     * received: a server with many open but quiet streams does not pay 10 s of samples for each.
     */
    private void ensureSegmentCapacity(int needed) {
        if (needed > segment.length) {
            int grown = Math.min(maxSegment, Math.max(frame * 50, segment.length * 2));
            segment = java.util.Arrays.copyOf(segment, Math.max(needed, grown));
        }
    }

    private void rememberPreRoll(float[] f) {
        if (preRollLen + f.length > preRoll.length) {
            int drop = preRollLen + f.length - preRoll.length;
            System.arraycopy(preRoll, drop, preRoll, 0, preRollLen - drop);
            preRollLen -= drop;
        }
        System.arraycopy(f, 0, preRoll, preRollLen, f.length);
        preRollLen += f.length;
    }
}
