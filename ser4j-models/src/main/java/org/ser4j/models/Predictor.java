package org.ser4j.models;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.ser4j.audio.Signal;
import org.ser4j.models.classical.SpeakerNormalization;

/**
 * Predicts emotions of recordings with a {@link ModelBundle}: features by the bundle's own extractor, then the
 * calibrated classifier. Thread-safe; one predictor serves a whole service.
 */
public final class Predictor {
    /** Segments shorter than this are skipped: too little speech for utterance-level features. */
    public static final double MIN_SEGMENT_S = 0.25;

    private final ModelBundle bundle;
    private final Prediction.ModelRef modelRef;

    public Predictor(ModelBundle bundle) {
        this.bundle = bundle;
        this.modelRef = new Prediction.ModelRef(bundle.provenance().name(), bundle.provenance().version());
    }

    public ModelBundle bundle() {
        return bundle;
    }

    /** The prediction for a whole recording. */
    public Prediction predict(Signal signal) {
        return predict(signal, null);
    }

    /**
     * The prediction for a whole recording and, when {@code segments} is not null, for each of its segments
     * (segments shorter than {@link #MIN_SEGMENT_S} are left out).
     */
    public Prediction predict(Signal signal, SegmentSource segments) {
        requireNoSpeakerNormalization();
        double[] p = probabilities(bundle.featureExtractor().extract(signal));
        List<Prediction.Segment> parts = null;
        if (segments != null) {
            parts = new ArrayList<>();
            for (SegmentSource.Span span : segments.segments(signal)) {
                stopIfInterrupted();
                if (span.endS() - span.startS() < MIN_SEGMENT_S) {
                    continue;
                }
                int from = (int) Math.round(span.startS() * signal.sampleRate());
                int to = Math.min(signal.length(), (int) Math.round(span.endS() * signal.sampleRate()));
                double[] q = probabilities(bundle.featureExtractor().extract(signal.slice(from, to)));
                parts.add(Prediction.segment(span.startS(), span.endS(), bundle.classes(), q));
            }
        }
        return Prediction.of(signal.source(), bundle.classes(), p, signal.durationSeconds(), modelRef, parts);
    }

    /**
     * Predictions for recordings of one speaker. With a model trained on per-speaker-normalised features this is
     * the only way to predict: the batch supplies the speaker's statistics (at least two recordings; more is
     * better). Other models predict each recording on its own.
     */
    public List<Prediction> predictOneSpeaker(List<Signal> signals) {
        double[][] features = new double[signals.size()][];
        for (int i = 0; i < signals.size(); i++) {
            stopIfInterrupted();
            features[i] = bundle.featureExtractor().extract(signals.get(i));
        }
        if (bundle.speakerNormalization()) {
            features = SpeakerNormalization.applyOneSpeaker(features);
        }
        List<Prediction> out = new ArrayList<>();
        for (int i = 0; i < signals.size(); i++) {
            Signal s = signals.get(i);
            out.add(Prediction.of(s.source(), bundle.classes(), probabilities(features[i]), s.durationSeconds(),
                    modelRef, null));
        }
        return out;
    }

    /** Calibrated probabilities of a feature vector computed by this bundle's extractor. */
    public double[] probabilities(double[] features) {
        return bundle.classifier().predictProba(features);
    }

    /**
     * Ends a long prediction (many segments or recordings) early once its thread is interrupted, e.g. by a service
     * that cancelled it after a timeout, so the thread is free again instead of finishing work nobody waits for.
     */
    private static void stopIfInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("prediction cancelled");
        }
    }

    private void requireNoSpeakerNormalization() {
        if (bundle.speakerNormalization()) {
            throw new IllegalStateException("model '" + modelRef.name() + "' normalises features per speaker; predict "
                    + "several recordings of one speaker together (predictOneSpeaker)");
        }
    }
}
