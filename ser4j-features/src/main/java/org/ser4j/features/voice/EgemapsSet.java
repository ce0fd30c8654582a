package org.ser4j.features.voice;

import java.util.Map;
import org.ser4j.audio.Conditioning;
import org.ser4j.audio.Signal;
import org.ser4j.features.FeatureSet;
import org.ser4j.features.FeatureSpec;
import org.ser4j.features.Params;
import org.ser4j.features.ResamplingExtractor;
import org.ser4j.features.SignalChecks;

/**
 * The {@code egemaps} feature set: the 88 eGeMAPS v02 functionals ({@link EgemapsFunctionals}) of the frame-level
 * descriptors that {@link VoiceAnalysis} computes, at 16 kHz. Parameters (with defaults): {@code f0_min} = 60 Hz
 * and {@code f0_max} = 600 Hz, the F0 search range (wide enough for male, female and raised emotional voices).
 */
public final class EgemapsSet implements FeatureSet {
    public static final EgemapsSet INSTANCE = new EgemapsSet();

    /** Default lowest F0, Hz. */
    public static final double DEFAULT_F0_MIN = 60;
    /** Default highest F0, Hz. */
    public static final double DEFAULT_F0_MAX = 600;
    /** Sample rate of the default spec: eGeMAPS's descriptors need no more than 8 kHz of bandwidth. */
    public static final int SAMPLE_RATE = 16000;

    private EgemapsSet() {
    }

    @Override
    public String name() {
        return "egemaps";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String description() {
        return "the 88 eGeMAPS v02 functionals (Eyben et al. 2016): pitch, loudness, voice quality, formants, "
                + "spectral balance, MFCC 1-4, rhythm";
    }

    @Override
    public FeatureSpec defaultSpec() {
        return new FeatureSpec(name(), version(), SAMPLE_RATE, Map.of("f0_min", "60", "f0_max", "600"),
                Conditioning.SPEECH);
    }

    @Override
    public Extractor extractor(FeatureSpec spec, Params params) {
        return new Extractor(spec, new VoiceAnalysis(spec.sampleRate(), params.getDouble("f0_min", DEFAULT_F0_MIN),
                params.getDouble("f0_max", DEFAULT_F0_MAX)));
    }

    /** The extractor: immutable, thread-safe. */
    public static final class Extractor extends ResamplingExtractor {
        private final VoiceAnalysis analysis;

        private Extractor(FeatureSpec spec, VoiceAnalysis analysis) {
            super(spec, EgemapsFunctionals.NAMES);
            this.analysis = analysis;
        }

        @Override
        protected double[] compute(Signal signal) {
            return EgemapsFunctionals.of(analysis.analyse(signal.toDoubles()));
        }

        /** The frame-level descriptors behind the vector (checked and prepared like {@link #extract}). */
        public VoiceLlds llds(Signal signal) {
            SignalChecks.requireUsable(signal);
            return analysis.analyse(spec().prepare(signal).toDoubles());
        }
    }
}
