package org.ser4j.features.voice;

import java.util.Arrays;
import org.ser4j.dsp.StftParams;
import org.ser4j.dsp.Windows;
import org.ser4j.features.lpc.Lpc;
import org.ser4j.features.pitch.PitchTrack;
import org.ser4j.features.pitch.Yin;
import org.ser4j.features.pitch.YinParams;
import org.ser4j.features.spectral.Decibels;
import org.ser4j.features.spectral.FilterBank;
import org.ser4j.features.spectral.MelFilterBank;
import org.ser4j.features.spectral.MelParams;
import org.ser4j.features.spectral.Mfcc;
import org.ser4j.features.spectral.MfccParams;
import org.ser4j.features.spectral.Spectrogram;

/**
 * Computes eGeMAPS's frame-level descriptors ({@link VoiceLlds}) of a signal, following Eyben et al. (IEEE TAFFC
 * 2016, section 3) with the algorithms documented in each descriptor's class. Everything runs on a 10 ms frame
 * grid (frame t centred on sample t·hop, librosa's centred framing) and from two STFTs computed once each:
 * <ul>
 * <li>a <b>short</b> one, 25 ms Hamming window (n_fft 512 at 16 kHz): loudness, alpha ratio, Hammarberg index,
 * spectral slopes, spectral flux, MFCC 1–4 (as eGeMAPS, which uses 25 ms windows for its spectral LLDs);</li>
 * <li>a <b>long</b> one, 60 ms Hann window (n_fft 2048 at 16 kHz), long enough for several periods of a low
 * voice: the autocorrelation for HNR and voicing, and the harmonic levels (H1, H2, A3, formant harmonics).</li>
 * </ul>
 * F0 comes from YIN (the core's {@link Yin}, 40 ms frames, f0 range [f0Min, f0Max]); pYIN would cost more than
 * the whole rest of the analysis (see docs/egemaps.md). A frame is <b>voiced</b> when the window-corrected
 * autocorrelation peak r_max reaches {@link #VOICING_THRESHOLD} (Praat's voicing threshold) and its energy is
 * within {@link #SILENCE_THRESHOLD_DB} of the loudest frame (Praat's silence threshold, 0.03 of the peak
 * amplitude). Jitter and shimmer come from glottal pulses ({@link GlottalPulses}) in 60 ms windows; formants from
 * Burg LPC ({@link Lpc}, order {@link Formants#lpcOrder}) of the pre-emphasised, Hamming-windowed 25 ms frame.
 *
 * <p>Instances are immutable and thread-safe; each call allocates its own buffers.
 */
public final class VoiceAnalysis {
    /** Praat's voicing threshold on the harmonic fraction r_max. */
    public static final double VOICING_THRESHOLD = 0.45;
    /** Frames more than this far below the loudest frame's energy are silent (never voiced). */
    public static final double SILENCE_THRESHOLD_DB = -30;
    /** Pre-emphasis for formant analysis from 50 Hz up, as Praat's: y[n] − exp(−2π·50/sr)·y[n−1]. */
    public static final double PRE_EMPHASIS_FROM_HZ = 50;
    /** Window for jitter and shimmer per frame, seconds (eGeMAPS uses 60 ms frames for them). */
    public static final double PERTURBATION_WINDOW_S = 0.06;

    private final int sampleRate;
    private final double f0Min;
    private final double f0Max;
    private final int hop;
    private final StftParams shortStft;
    private final StftParams longStft;
    private final YinParams yin;
    private final int minLag;
    private final int maxLag;
    private final double[] longWindowAcf;
    private final double[] formantWindow;
    private final Loudness loudness;
    private final FilterBank melBank;
    private final MfccParams mfcc;
    private final int lpcOrder;
    private final double preEmphasis;

    /**
     * An analyser for one sample rate.
     *
     * @param sampleRate sample rate of the signals, Hz
     * @param f0Min      lowest F0 searched, Hz (eGeMAPS set default 60)
     * @param f0Max      highest F0 searched, Hz (eGeMAPS set default 600)
     */
    public VoiceAnalysis(int sampleRate, double f0Min, double f0Max) {
        if (!(f0Min > 0) || !(f0Max > f0Min) || f0Max >= sampleRate / 2.0) {
            throw new IllegalArgumentException("need 0 < f0_min < f0_max < sr/2, got " + f0Min + ", " + f0Max);
        }
        this.sampleRate = sampleRate;
        this.f0Min = f0Min;
        this.f0Max = f0Max;
        this.hop = (int) Math.round(0.010 * sampleRate);
        int shortWin = (int) Math.round(0.025 * sampleRate);
        int longWin = (int) Math.round(0.060 * sampleRate);
        this.minLag = (int) Math.floor(sampleRate / f0Max);
        this.maxLag = Math.min((int) Math.ceil(sampleRate / f0Min), longWin / 2);
        this.shortStft = new StftParams(nextPowerOfTwo(shortWin), hop, shortWin, "hamming", true, "constant");
        // n_fft covers window + longest lag, so the inverse FFT of |X|^2 is the linear autocorrelation.
        this.longStft = new StftParams(nextPowerOfTwo(longWin + maxLag + 2), hop, longWin, "hann", true, "constant");
        int yinFrame = (int) Math.round(0.040 * sampleRate);
        this.yin = new YinParams(f0Min, f0Max, Math.max(yinFrame, (int) Math.ceil(sampleRate / f0Min) + 2), hop, 0.1,
                true, "constant");
        this.longWindowAcf = Harmonicity.windowAutocorrelation(
                Windows.padded("hann", longWin, longStft.nFft()), maxLag + 1);
        this.formantWindow = Windows.get("hamming", shortWin);
        this.loudness = new Loudness(sampleRate, shortStft.nFft());
        // eGeMAPS's MFCCs: 26 HTK mel bands 20 Hz .. 8 kHz on the power spectrum, log, DCT-II, lifter 22.
        MelParams mel = new MelParams(26, 20, Math.min(8000.0, sampleRate / 2.0), true, null, false);
        this.melBank = MelFilterBank.of(sampleRate, shortStft.nFft(), mel);
        this.mfcc = new MfccParams(5, true, 22, mel);
        this.lpcOrder = Formants.lpcOrder(sampleRate);
        this.preEmphasis = Math.exp(-2 * Math.PI * PRE_EMPHASIS_FROM_HZ / sampleRate);
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** The frame-level descriptors of samples at this analyser's sample rate. */
    public VoiceLlds analyse(double[] y) {
        double[][] shortPower = Spectrogram.of(y, sampleRate, shortStft).power();
        double[][] longPower = Spectrogram.of(y, sampleRate, longStft).power();
        int nFrames = shortPower[0].length;
        double[] yinF0 = Yin.yin(y, sampleRate, yin);

        // Voicing: harmonic fraction from the long frames' autocorrelation, gated by energy.
        double[] longColumn = new double[longPower.length];
        double[] acf = new double[longStft.nFft()];
        double[] energy = new double[nFrames];
        for (double[] row : longPower) { // row-major: contiguous reads
            for (int t = 0; t < nFrames; t++) {
                energy[t] += row[t];
            }
        }
        double maxEnergy = Arrays.stream(energy).max().orElse(0);
        double energyGate = maxEnergy * Math.pow(10, SILENCE_THRESHOLD_DB / 10);
        double[] f0 = new double[nFrames];
        double[] strength = new double[nFrames];
        boolean[] voiced = new boolean[nFrames];
        double[] hnr = nanArray(nFrames);
        double[] h1h2 = nanArray(nFrames);
        double[] h1a3 = nanArray(nFrames);
        double[][] formantF = nanArray(3, nFrames);
        double[][] formantB = nanArray(3, nFrames);
        double[][] formantA = nanArray(3, nFrames);
        double longBinHz = sampleRate / (double) longStft.nFft();
        FormantScratch scratch = new FormantScratch(formantWindow.length, lpcOrder);
        for (int t = 0; t < nFrames; t++) {
            f0[t] = Double.NaN;
            if (!(energy[t] > 0) || energy[t] < energyGate) {
                continue;
            }
            column(longPower, t, longColumn);
            Harmonicity.autocorrelationFromPower(longColumn, acf);
            double r = Harmonicity.harmonicFraction(acf, longWindowAcf, minLag, maxLag);
            strength[t] = Math.max(0, Math.min(1, r));
            double candidate = t < yinF0.length ? yinF0[t] : Double.NaN;
            if (r < VOICING_THRESHOLD || !(candidate >= f0Min && candidate <= f0Max)) {
                continue;
            }
            voiced[t] = true;
            f0[t] = candidate;
            hnr[t] = Harmonicity.rToDb(r);
            h1h2[t] = HarmonicAmplitudes.h1MinusH2Db(longColumn, longBinHz, candidate);
            formants(y, t, scratch);
            for (int i = 0; i < 3; i++) {
                formantF[i][t] = scratch.frequency[i];
                formantB[i][t] = scratch.bandwidth[i];
                formantA[i][t] = HarmonicAmplitudes.formantRelativeToH1Db(longColumn, longBinHz, candidate,
                        scratch.frequency[i]);
            }
            h1a3[t] = HarmonicAmplitudes.h1MinusA3Db(longColumn, longBinHz, candidate, scratch.frequency[2]);
        }

        // Spectral-balance descriptors on every frame of the short STFT.
        double shortBinHz = sampleRate / (double) shortStft.nFft();
        double[] loud = new double[nFrames];
        double[] alpha = new double[nFrames];
        double[] hammarberg = new double[nFrames];
        double[] slopeLow = new double[nFrames];
        double[] slopeHigh = new double[nFrames];
        double[] flux = new double[nFrames];
        double[] col = new double[shortPower.length];
        double[] magnitude = new double[shortPower.length];
        double[] previous = new double[shortPower.length];
        for (int t = 0; t < nFrames; t++) {
            column(shortPower, t, col);
            for (int k = 0; k < col.length; k++) {
                magnitude[k] = Math.sqrt(col[k]);
            }
            loud[t] = loudness.of(col);
            alpha[t] = SpectralBalance.alphaRatioDb(col, shortBinHz);
            hammarberg[t] = SpectralBalance.hammarbergIndexDb(col, shortBinHz);
            slopeLow[t] = SpectralBalance.slopeDbPerHz(col, shortBinHz, 0, 500);
            slopeHigh[t] = SpectralBalance.slopeDbPerHz(col, shortBinHz, 500, 1500);
            flux[t] = t == 0 ? Double.NaN : SpectralBalance.flux(previous, magnitude);
            double[] swap = previous;
            previous = magnitude;
            magnitude = swap;
        }
        double[][] cepstra = Mfcc.fromDb(Decibels.powerToDb(melBank.apply(shortPower), 1.0, Decibels.AMIN,
                Double.NaN), mfcc);

        GlottalPulses pulses = GlottalPulses.detect(y, sampleRate, f0, hop);
        double step = hop / (double) sampleRate;
        double[] jitter = Perturbation.jitterTrack(pulses, voiced, step, PERTURBATION_WINDOW_S);
        double[] shimmer = Perturbation.shimmerDbTrack(pulses, voiced, step, PERTURBATION_WINDOW_S);

        PitchTrack pitch = new PitchTrack(f0, voiced, strength, sampleRate, hop);
        return new VoiceLlds(pitch, y.length / (double) sampleRate, loud, alpha, hammarberg, slopeLow, slopeHigh,
                flux, Arrays.copyOfRange(cepstra, 1, 5), jitter, shimmer, hnr, h1h2, h1a3, formantF, formantB,
                formantA, equivalentSoundLevelDb(y));
    }

    /** Per-call buffers of the formant analysis. */
    private static final class FormantScratch {
        final double[] frame;
        final double[] rootRe;
        final double[] rootIm;
        final double[] frequency = new double[3];
        final double[] bandwidth = new double[3];
        /** Frame whose roots rootRe/rootIm hold, for warm starts; -2 = none. */
        int rootsFrame = -2;

        FormantScratch(int frameLength, int order) {
            frame = new double[frameLength];
            rootRe = new double[order];
            rootIm = new double[order];
        }
    }

    /** F1–F3 of frame t into scratch: pre-emphasis, Hamming window, Burg LPC, polynomial roots. */
    private void formants(double[] y, int t, FormantScratch s) {
        int n = s.frame.length;
        int start = t * hop - n / 2;
        for (int i = 0; i < n; i++) {
            int j = start + i;
            double cur = j >= 0 && j < y.length ? y[j] : 0;
            double prev = j >= 1 && j - 1 < y.length ? y[j - 1] : 0;
            s.frame[i] = (cur - preEmphasis * prev) * formantWindow[i];
        }
        double[] a = Lpc.lpc(s.frame, lpcOrder);
        // The previous frame's roots are a close start for this one's.
        int found = Formants.fromLpc(a, sampleRate, s.rootRe, s.rootIm, s.frequency, s.bandwidth,
                s.rootsFrame == t - 1);
        s.rootsFrame = found > 0 ? t : -2;
    }

    /**
     * Equivalent sound level: the energy average over the whole signal in dB re full scale,
     * 10·log10(mean(y²)) (the L_eq of acoustics, eGeMAPS's equivalentSoundLevel_dBp); -100 dB for silence.
     */
    public static double equivalentSoundLevelDb(double[] y) {
        double s = 0;
        for (double v : y) {
            s += v * v;
        }
        return 10 * Math.log10(Math.max(y.length == 0 ? 0 : s / y.length, 1e-10));
    }

    private static void column(double[][] binsByFrames, int t, double[] out) {
        for (int k = 0; k < out.length; k++) {
            out[k] = binsByFrames[k][t];
        }
    }

    private static double[] nanArray(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    private static double[][] nanArray(int rows, int n) {
        double[][] a = new double[rows][];
        for (int i = 0; i < rows; i++) {
            a[i] = nanArray(n);
        }
        return a;
    }

    private static int nextPowerOfTwo(int n) {
        int p = Integer.highestOneBit(Math.max(1, n));
        return p == n ? p : 2 * p;
    }
}
