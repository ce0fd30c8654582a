package org.ser4j.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ser4j.audio.Signal;
import org.ser4j.dsp.StftParams;
import org.ser4j.features.spectral.Chroma;
import org.ser4j.features.spectral.ChromaParams;
import org.ser4j.features.spectral.ContrastParams;
import org.ser4j.features.spectral.Decibels;
import org.ser4j.features.spectral.Mel;
import org.ser4j.features.spectral.MelParams;
import org.ser4j.features.spectral.Mfcc;
import org.ser4j.features.spectral.MfccParams;
import org.ser4j.features.spectral.SpectralContrast;
import org.ser4j.features.spectral.Spectrogram;
import org.ser4j.features.stats.Functionals;

/**
 * The {@code seed} set: the utterance vector of the usual speech-emotion notebooks,
 * {@code np.hstack([mean_t mfcc(n_mfcc=40), mean_t chroma_stft, mean_t spectral_contrast])} = 40 + 12 + 7 = 59
 * values, with librosa's defaults (n_fft 2048, hop 512, 128 mel bands, tuning estimated, 6 contrast bands) at the
 * spec's sample rate (16 kHz by default; the notebooks' {@code librosa.load} gives 22050 Hz). Parameters (librosa
 * names): n_fft, hop_length, win_length, window, center, pad_mode, n_mfcc, n_mels.
 *
 * <p>One STFT feeds all three features. Since the DCT is linear, the mean MFCC is computed as the DCT of the mean
 * log-mel frame (the same value up to rounding) instead of a DCT per frame.
 */
public final class SeedSet implements FeatureSet {
    public static final SeedSet INSTANCE = new SeedSet();

    private SeedSet() {
    }

    @Override
    public String name() {
        return "seed";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String description() {
        return "mean MFCC-40 + mean chroma_stft + mean spectral contrast (59 values, librosa defaults)";
    }

    @Override
    public FeatureSpec defaultSpec() {
        return new FeatureSpec(name(), version(), 16000, Map.of("n_fft", "2048", "hop_length", "512", "n_mfcc", "40",
                "n_mels", "128"));
    }

    @Override
    public FeatureExtractor extractor(FeatureSpec spec, Params params) {
        StftParams stft = Spectrogram.stftParams(params);
        MfccParams mfcc = new MfccParams(params.getInt("n_mfcc", 40), true, 0,
                MelParams.DEFAULT.withNMels(params.getInt("n_mels", 128)));
        Functionals mean = Functionals.of("mean");
        List<String> names = new ArrayList<>(mean.names("mfcc", mfcc.nMfcc()));
        names.addAll(mean.names("chroma_stft", ChromaParams.DEFAULT.nChroma()));
        names.addAll(mean.names("spectral_contrast", ContrastParams.DEFAULT.nBands() + 1));
        return new ResamplingExtractor(spec, names) {
            @Override
            protected double[] compute(Signal signal) {
                Spectrogram spectrogram = Spectrogram.of(signal, stft);
                double[][] melDb = Decibels.powerToDb(Mel.melspectrogram(spectrogram, mfcc.mel()));
                double[][] meanMelDb = new double[melDb.length][];
                for (int m = 0; m < melDb.length; m++) {
                    meanMelDb[m] = new double[] {Functionals.mean(melDb[m])};
                }
                double[][] meanMfcc = Mfcc.fromDb(meanMelDb, mfcc);
                double[][] chroma = Chroma.chromaStft(spectrogram, ChromaParams.DEFAULT);
                double[][] contrast = SpectralContrast.contrast(spectrogram.magnitude(), signal.sampleRate(),
                        stft.nFft(), ContrastParams.DEFAULT);
                double[] out = new double[names().size()];
                int i = 0;
                for (double[] c : meanMfcc) {
                    out[i++] = c[0];
                }
                i = mean.apply(chroma, out, i);
                mean.apply(contrast, out, i);
                return out;
            }
        };
    }
}
