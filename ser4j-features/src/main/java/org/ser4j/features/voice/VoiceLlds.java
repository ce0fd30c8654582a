package org.ser4j.features.voice;

import org.ser4j.features.pitch.PitchTrack;

/**
 * The frame-level low-level descriptors (LLDs) of eGeMAPS for one signal, before smoothing, one value per 10 ms
 * frame (frame t centred on t·hop). Descriptors defined only for voiced frames (jitter, shimmer, HNR, harmonic
 * differences, formants) are NaN on unvoiced ones; {@link #pitch()} holds F0 (NaN where unvoiced) and the voicing
 * decision. Arrays are not copied; nobody mutates them after construction.
 *
 * @param pitch             F0 in Hz, voicing decision and voicing strength (Boersma's r_max) per frame
 * @param durationS         length of the signal in seconds
 * @param loudness          perceptual loudness ({@link Loudness})
 * @param alphaRatio        alpha ratio in dB ({@link SpectralBalance#alphaRatioDb})
 * @param hammarbergIndex   Hammarberg index in dB
 * @param slope0to500       spectral slope 0–500 Hz, dB/Hz
 * @param slope500to1500    spectral slope 500–1500 Hz, dB/Hz
 * @param spectralFlux      spectral flux (NaN on frame 0, which has no predecessor)
 * @param mfcc              MFCC 1–4, rows 0–3 (4 x frames)
 * @param jitterLocal       jitter (local), a fraction
 * @param shimmerLocalDb    shimmer (local, dB)
 * @param hnrDb             harmonics-to-noise ratio, dB
 * @param h1MinusH2         H1−H2, dB
 * @param h1MinusA3         H1−A3, dB
 * @param formantFrequency  F1–F3 in Hz, rows 0–2
 * @param formantBandwidth  B1–B3 in Hz, rows 0–2
 * @param formantAmplitude  level of the harmonic nearest F1–F3 relative to H1, dB, rows 0–2
 * @param equivalentSoundLevelDb energy-average level of the whole signal, dB re full scale
 */
public record VoiceLlds(PitchTrack pitch, double durationS, double[] loudness, double[] alphaRatio,
        double[] hammarbergIndex, double[] slope0to500, double[] slope500to1500, double[] spectralFlux,
        double[][] mfcc, double[] jitterLocal, double[] shimmerLocalDb, double[] hnrDb, double[] h1MinusH2,
        double[] h1MinusA3, double[][] formantFrequency, double[][] formantBandwidth, double[][] formantAmplitude,
        double equivalentSoundLevelDb) {

    public int nFrames() {
        return loudness.length;
    }

    /** Seconds between frames. */
    public double frameStepS() {
        return pitch.hopLength() / pitch.sampleRate();
    }
}
