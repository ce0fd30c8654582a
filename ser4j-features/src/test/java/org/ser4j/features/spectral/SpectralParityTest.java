package org.ser4j.features.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ser4j.dsp.Stft;

/**
 * Parity of the spectral features with librosa 0.11 on every reference clip and both parameter sets. Errors are
 * peak-relative (max |a - ref| / max |ref| per array) unless stated; each assertion names its tolerance (from the
 * reference README's float64 column) and the worst measured error is printed.
 */
class SpectralParityTest {
    private static final List<ParityCase> CASES = ParityCase.all();

    @Test
    void stftMagnitudeAndPowerMatchLibrosa() {
        WorstError mag = new WorstError("stft_mag");
        WorstError pow = new WorstError("power");
        for (ParityCase c : CASES) {
            double[] y = c.signal().toDoubles();
            c.reference("stft_mag").ifPresent(ref -> {
                double e = mag.add(LibrosaReference.peakRelativeError(ref, Stft.magnitude(y, c.stft()), "" + c), "" + c);
                assertTrue(e <= 1e-6, c + " stft_mag error " + e + " > rtol 1e-6"); // measured: see printed worst
            });
            c.reference("power").ifPresent(ref -> {
                double e = pow.add(LibrosaReference.peakRelativeError(ref, Stft.powerSpectrogram(y, c.stft()), "" + c),
                        "" + c);
                assertTrue(e <= 1e-6, c + " power error " + e + " > rtol 1e-6");
            });
        }
        assertTrue(mag.arrays() >= 4 && pow.arrays() >= 2, "reference arrays found: " + mag + " / " + pow);
        System.out.println(mag + "\n" + pow);
    }

    @Test
    void melFilterBanksMatchLibrosaFilters() {
        record Bank(String file, int sr, int nFft, MelParams params) {
        }
        List<Bank> banks = List.of(
                new Bank("mel_sr16000_nfft512_nmels64", 16000, 512, MelParams.DEFAULT.withNMels(64)),
                new Bank("mel_sr22050_nfft2048_nmels128", 22050, 2048, MelParams.DEFAULT),
                new Bank("mel_sr16000_nfft512_nmels64_htk_normNone", 16000, 512,
                        new MelParams(64, 0.0, null, true, null, true)));
        for (Bank b : banks) {
            double[][] ref = LibrosaReference.filter(b.file);
            double[][] ours = MelFilterBank.weights(b.sr, b.nFft, b.params);
            double e = LibrosaReference.peakRelativeError(ref, ours, b.file);
            // float32 weights computed with librosa's arithmetic: expected equal up to a float32 rounding flip
            assertTrue(e <= 1e-7, b.file + " error " + e + " > 1e-7");
            assertEquals(ref.length, MelFilterBank.of(b.sr, b.nFft, b.params).nFilters());
            System.out.printf("filters/%-40s peak-rel error %.3e%n", b.file, e);
        }
    }

    @Test
    void melspectrogramAndPowerToDbMatchLibrosa() {
        WorstError mel = new WorstError("mel_n128/mel_n64");
        WorstError dbMax = new WorstError("mel_db_refmax (abs dB)");
        WorstError db1 = new WorstError("mel_db_ref1 (abs dB)");
        for (ParityCase c : CASES) {
            Spectrogram spec = Spectrogram.of(c.signal(), c.stft());
            for (int nMels : new int[] {128, 64}) {
                String q = "mel_n" + nMels;
                var ref = c.reference(q);
                if (ref.isEmpty()) {
                    continue;
                }
                double[][] ours = Mel.melspectrogram(spec, MelParams.DEFAULT.withNMels(nMels));
                double e = mel.add(LibrosaReference.peakRelativeError(ref.get(), ours, c + q), c + " " + q);
                assertTrue(e <= 1e-6, c + " " + q + " error " + e + " > rtol 1e-6");
                if (nMels != c.nMels()) {
                    continue;
                }
                double[][] refMel = ref.get();
                double eMax = dbMax.add(LibrosaReference.maxAbsError(c.reference(q + "_db_refmax").orElseThrow(),
                        Decibels.powerToDb(refMel, Decibels.max(refMel), 1e-10, 80.0), "" + c), "" + c);
                double e1 = db1.add(LibrosaReference.maxAbsError(c.reference(q + "_db_ref1").orElseThrow(),
                        Decibels.powerToDb(refMel, 1.0, 1e-10, 80.0), "" + c), "" + c);
                assertTrue(eMax <= 1e-4 && e1 <= 1e-4, c + " power_to_db error " + eMax + "/" + e1 + " > atol 1e-4 dB");
            }
        }
        System.out.println(mel + "\n" + dbMax + "\n" + db1);
    }

    @Test
    void mfccMatchesLibrosa() {
        WorstError w = new WorstError("mfcc_n13/20/40");
        for (ParityCase c : CASES) {
            Spectrogram spec = Spectrogram.of(c.signal(), c.stft());
            for (int n : new int[] {13, 20, 40}) {
                double[][] ref = c.reference("mfcc_n" + n).orElseThrow();
                MfccParams p = new MfccParams(n, true, 0, MelParams.DEFAULT.withNMels(c.nMels()));
                double e = w.add(LibrosaReference.peakRelativeError(ref, Mfcc.mfcc(spec, p), c + " n" + n),
                        c + " n_mfcc=" + n);
                assertTrue(e <= 1e-6, c + " mfcc_n" + n + " error " + e + " > rtol 1e-6");
            }
        }
        System.out.println(w);
    }

    @Test
    void deltaMatchesLibrosaAndRefusesTooFewFrames() {
        WorstError d1 = new WorstError("delta (order 1)");
        WorstError d2 = new WorstError("delta2 (order 2)");
        int refusals = 0;
        for (ParityCase c : CASES) {
            for (int n : new int[] {13, 40}) {
                double[][] mfcc = c.reference("mfcc_n" + n).orElseThrow();
                for (int order : new int[] {1, 2}) {
                    String q = "mfcc_n" + n + "_delta" + (order == 1 ? "" : "2");
                    var ref = c.reference(q);
                    if (ref.isEmpty()) {
                        // librosa refused (width 9 > frames): so must we
                        assertTrue(LibrosaReference.librosaError(c.clip(), q + c.suffix()).isPresent(), c + " " + q);
                        IllegalArgumentException ex = org.junit.jupiter.api.Assertions.assertThrows(
                                IllegalArgumentException.class, () -> Delta.delta(mfcc, 9, order));
                        assertTrue(ex.getMessage().contains("width=9"), ex.getMessage());
                        refusals++;
                        continue;
                    }
                    double e = (order == 1 ? d1 : d2).add(LibrosaReference.peakRelativeError(ref.get(),
                            Delta.delta(mfcc, 9, order), c + q), c + " " + q);
                    assertTrue(e <= 1e-6, c + " " + q + " error " + e + " > rtol 1e-6");
                }
            }
        }
        assertEquals(8, refusals, "librosa refused delta on the short clip in both sets (4 quantities each)");
        System.out.println(d1 + "\n" + d2 + "\nrefusals matched: " + refusals);
    }

    @Test
    void chromaFilterBanksMatchLibrosaFilters() {
        for (int[] srN : new int[][] {{22050, 2048}, {16000, 512}}) {
            String file = "chroma_sr" + srN[0] + "_nfft" + srN[1];
            double[][] ref = LibrosaReference.filter(file);
            double e = LibrosaReference.peakRelativeError(ref,
                    ChromaFilterBank.weights(srN[0], srN[1], 0.0, ChromaParams.DEFAULT), file);
            assertTrue(e <= 1e-7, file + " error " + e + " > 1e-7 (float32 rounding)");
            System.out.printf("filters/%-40s peak-rel error %.3e%n", file, e);
        }
    }

    @Test
    void tuningEstimateAndChromaStftMatchLibrosa() {
        WorstError chroma = new WorstError("chroma_stft");
        int tunings = 0;
        for (ParityCase c : CASES) {
            Spectrogram spec = Spectrogram.of(c.signal(), c.stft());
            double refTuning = c.reference("chroma_stft_tuning").orElseThrow()[0][0];
            double tuning = Chroma.estimateTuning(spec, ChromaParams.DEFAULT);
            // the estimate is a histogram bin edge (0.01 grid): it must be the same edge
            assertEquals(refTuning, tuning, 1e-12, c + " estimated tuning");
            tunings++;
            double[][] ours = Chroma.chromaStft(spec, ChromaParams.DEFAULT);
            double e = chroma.add(LibrosaReference.peakRelativeError(c.reference("chroma_stft").orElseThrow(), ours,
                    "" + c), "" + c);
            assertTrue(e <= 1e-6, c + " chroma_stft error " + e + " > rtol 1e-6");
        }
        System.out.println("chroma_stft_tuning: identical on " + tunings + " arrays\n" + chroma);
    }

    @Test
    void tonnetzOfChromaStftMatchesLibrosa() {
        WorstError w = new WorstError("tonnetz_chroma_stft");
        for (ParityCase c : CASES) {
            double[][] chroma = c.reference("chroma_stft").orElseThrow();
            double e = w.add(LibrosaReference.peakRelativeError(c.reference("tonnetz_chroma_stft").orElseThrow(),
                    Tonnetz.tonnetz(chroma), "" + c), "" + c);
            assertTrue(e <= 1e-5, c + " tonnetz error " + e + " > rtol 1e-5");
        }
        System.out.println(w);
    }

    @Test
    void spectralContrastMatchesLibrosa() {
        WorstError w = new WorstError("spectral_contrast");
        for (ParityCase c : CASES) {
            Spectrogram spec = Spectrogram.of(c.signal(), c.stft());
            double[][] ours = SpectralContrast.contrast(spec.magnitude(), c.sampleRate(), c.stft().nFft(),
                    ContrastParams.DEFAULT);
            double e = w.add(LibrosaReference.peakRelativeError(c.reference("spectral_contrast").orElseThrow(), ours,
                    "" + c), "" + c);
            assertTrue(e <= 1e-6, c + " spectral_contrast error " + e + " > rtol 1e-6");
        }
        System.out.println(w);
    }

    @Test
    void spectralShapeMatchesLibrosa() {
        WorstError cen = new WorstError("spectral_centroid");
        WorstError bw = new WorstError("spectral_bandwidth");
        WorstError flat = new WorstError("spectral_flatness");
        int rolloffFrames = 0;
        int rolloffMismatches = 0;
        for (ParityCase c : CASES) {
            Spectrogram spec = Spectrogram.of(c.signal(), c.stft());
            int sr = c.sampleRate();
            int nFft = c.stft().nFft();
            double[][] mag = spec.magnitude();
            double[][] centroid = SpectralShape.centroid(mag, sr, nFft);
            double e = cen.add(LibrosaReference.peakRelativeError(c.reference("spectral_centroid").orElseThrow(),
                    centroid, "" + c), "" + c);
            assertTrue(e <= 1e-6, c + " centroid error " + e + " > rtol 1e-6");
            e = bw.add(LibrosaReference.peakRelativeError(c.reference("spectral_bandwidth").orElseThrow(),
                    SpectralShape.bandwidth(mag, sr, nFft, centroid), "" + c), "" + c);
            assertTrue(e <= 1e-6, c + " bandwidth error " + e + " > rtol 1e-6");
            e = flat.add(LibrosaReference.peakRelativeError(c.reference("spectral_flatness").orElseThrow(),
                    SpectralShape.flatness(mag, 1e-10, 2.0), "" + c), "" + c);
            assertTrue(e <= 1e-6, c + " flatness error " + e + " > rtol 1e-6");
            double[] refRolloff = c.reference("spectral_rolloff").orElseThrow()[0];
            double[] rolloff = SpectralShape.rolloff(mag, sr, nFft, 0.85)[0];
            assertEquals(refRolloff.length, rolloff.length, c + " rolloff frames");
            double binHz = (double) sr / nFft;
            for (int t = 0; t < rolloff.length; t++) {
                rolloffFrames++;
                if (rolloff[t] != refRolloff[t]) {
                    rolloffMismatches++;
                    // a tie at the threshold may flip by one bin, never more
                    assertEquals(refRolloff[t], rolloff[t], binHz * 1.0001, c + " rolloff frame " + t);
                }
            }
        }
        // exact on every frame is expected (librosa: float32 vs float64 rolloff is exact); ties are allowed to flip
        assertTrue(rolloffMismatches <= rolloffFrames / 1000, rolloffMismatches + " rolloff flips");
        System.out.println(cen + "\n" + bw + "\n" + flat + "\nspectral_rolloff: " + rolloffMismatches
                + " one-bin flips in " + rolloffFrames + " frames");
    }

    @Test
    void zeroCrossingRateMatchesLibrosaExactly() {
        int frames = 0;
        for (ParityCase c : CASES) {
            double[][] ref = c.reference("zcr").orElseThrow();
            double[][] ours = ZeroCrossingRate.zeroCrossingRate(c.signal().samples(), c.frameLength(), c.hopLength());
            assertEquals(0.0, LibrosaReference.maxAbsError(ref, ours, "" + c), c + " zcr must be exact");
            frames += ref[0].length;
        }
        assertFalse(frames == 0);
        System.out.println("zcr: exact on " + frames + " frames");
    }
}
