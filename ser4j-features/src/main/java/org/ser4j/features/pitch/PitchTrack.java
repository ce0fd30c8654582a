package org.ser4j.features.pitch;

/**
 * A frame-wise pitch contour: f0 per frame (Hz; NaN or the fill value where unvoiced), the voicing decision and
 * the probability of voicing, plus the frame grid, so that jitter, shimmer and eGeMAPS functionals can be built on
 * it. Frame t is centred on sample {@code t * hopLength} (librosa's {@code center=True}), i.e. at time
 * {@code t * hopLength / sampleRate} ({@code librosa.times_like(f0, sr=sr, hop_length=hop_length)}).
 *
 * <p>Arrays are not copied (for speed); by convention nobody mutates them after construction.
 *
 * @param f0         fundamental frequency per frame in Hz; unvoiced frames hold pyin's fill_na (NaN by default)
 * @param voicedFlag whether the decoder put each frame in a voiced state
 * @param voicedProb probability that each frame is voiced, in [0, 1]
 * @param sampleRate sample rate of the analysed signal
 * @param hopLength  samples between frame centres
 */
public record PitchTrack(double[] f0, boolean[] voicedFlag, double[] voicedProb, double sampleRate, int hopLength) {

    /** Reference frequency of eGeMAPS' semitone scale: A0 = 27.5 Hz. */
    public static final double SEMITONE_REFERENCE_HZ = 27.5;

    public PitchTrack {
        if (f0.length != voicedFlag.length || f0.length != voicedProb.length) {
            throw new IllegalArgumentException("f0, voiced_flag and voiced_prob differ in length: " + f0.length
                    + ", " + voicedFlag.length + ", " + voicedProb.length);
        }
    }

    public int nFrames() {
        return f0.length;
    }

    /** Time in seconds of frame t's centre. */
    public double frameTime(int t) {
        return (double) t * hopLength / sampleRate;
    }

    /** Centre times of all frames in seconds. */
    public double[] frameTimes() {
        double[] times = new double[f0.length];
        for (int t = 0; t < times.length; t++) {
            times[t] = frameTime(t);
        }
        return times;
    }

    /** Frames per second. */
    public double frameRate() {
        return sampleRate / hopLength;
    }

    /** librosa's three outputs as rows: f0, voiced_flag (0/1), voiced_prob (3 x n_frames). */
    public double[][] asRows() {
        double[] flag = new double[f0.length];
        for (int t = 0; t < flag.length; t++) {
            flag[t] = voicedFlag[t] ? 1.0 : 0.0;
        }
        return new double[][] {f0.clone(), flag, voicedProb.clone()};
    }

    /** Number of voiced frames. */
    public int voicedCount() {
        int n = 0;
        for (boolean v : voicedFlag) {
            n += v ? 1 : 0;
        }
        return n;
    }

    /** f0 in semitones above 27.5 Hz per frame; NaN where unvoiced (whatever the fill value). */
    public double[] f0Semitones() {
        double[] st = new double[f0.length];
        for (int t = 0; t < st.length; t++) {
            st[t] = voicedFlag[t] ? hzToSemitones(f0[t]) : Double.NaN;
        }
        return st;
    }

    /** 12 * log2(hz / 27.5): the eGeMAPS F0 scale. Non-positive or NaN input gives NaN. */
    public static double hzToSemitones(double hz) {
        if (!(hz > 0)) {
            return Double.NaN;
        }
        return 12.0 * PitchChecks.log2(hz / SEMITONE_REFERENCE_HZ);
    }
}
