package org.ser4j.models;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.ser4j.audio.AudioStream;
import org.ser4j.audio.Signal;
import org.ser4j.audio.effects.Segment;
import org.ser4j.audio.effects.SpeechPresence;
import org.ser4j.audio.effects.StreamSegmenter;
import org.ser4j.models.adaptation.Adaptation;
import org.ser4j.models.adaptation.GroupStatistics;

/**
 * Predicts emotions of recordings with a {@link ModelBundle}: a check that there is speech at all
 * ({@link SpeechPresence}), features by the bundle's own extractor (which prepares the audio as the bundle was
 * trained: {@code FeatureSpec#prepare}), then the calibrated classifier. Thread-safe; one predictor serves a whole service.
 */
public final class Predictor {
    /** Segments shorter than this are skipped: too little speech for utterance-level features. */
    public static final double MIN_SEGMENT_S = 0.25;
    /** Stretches between segments shorter than this are not reported as segments without speech. */
    static final double MIN_GAP_S = 0.05;

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
     * The prediction for a whole recording and, when {@code segments} is not null, for each of its segments. A
     * recording without speech ({@link SpeechPresence}) is answered {@link Prediction#NO_SPEECH}; a segment with
     * less than {@link #MIN_SEGMENT_S} of voice activity, and every stretch between segments, is a segment without
     * speech and without an emotion.
     */
    public Prediction predict(Signal signal, SegmentSource segments) {
        return predict(signal, segments, clip -> null, null, null);
    }

    /**
     * {@link #predict(Signal, SegmentSource)} for a model that adapts, with the recording and its segments adapted
     * to a group's statistics: {@code statisticsFor} gets the recording's {@link Clip} (features computed once) and
     * returns the statistics to adapt to, e.g. a session's after adding this clip (null: none); {@code mode} and
     * {@code group} name the group in the answer's {@code adaptation}.
     */
    public Prediction predict(Signal signal, SegmentSource segments,
                              java.util.function.Function<Clip, GroupStatistics> statisticsFor, String mode,
                              String group) {
        requireNoSpeakerNormalization();
        SpeechPresence.Verdict verdict = SpeechPresence.of(signal);
        Clip clip = clip(signal, verdict);
        GroupStatistics statistics = statisticsFor.apply(clip);
        List<Prediction.Segment> parts = segments == null ? null
                : segmentPredictions(signal, segments, verdict, statistics);
        return answer(clip, statistics, parts).withAdaptation(adapted(statistics, mode, group));
    }

    /**
     * The answer for a recording of any length in bounded memory (a few segments of at most 10 s at a time): the
     * blocks of {@code stream}, opened at the bundle's rate, go through the online {@link StreamSegmenter}; each
     * segment is predicted once it closes, on {@code threads} threads while the stream is read on (one without
     * speech, as {@link SpeechPresence} judges it, is marked so), and the stretches between are segments without
     * speech. No single feature vector can stand for an hour of audio, so the recording's scores are the mean of its
     * speech segments' probabilities weighted by their durations; a recording without any is answered
     * {@link Prediction#NO_SPEECH}.
     *
     * @param withSegments list the segments in the answer (their number grows with the length, their audio is
     *                     never kept)
     * @param threads      segments predicted at once (1: on the caller's thread)
     */
    public Prediction predictLong(AudioStream stream, boolean withSegments, int threads) {
        requireNoSpeakerNormalization();
        int sr = stream.sampleRate();
        if (sr != bundle.featureSpec().sampleRate()) {
            throw new IllegalArgumentException("open the stream at the model's rate " + bundle.featureSpec()
                    .sampleRate() + " Hz, not " + sr + " Hz");
        }
        StreamSegmenter segmenter = StreamSegmenter.forSpeech(sr);
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ser4j-long-recording");
            t.setDaemon(true);
            return t;
        }) : null;
        LongRecording timeline = new LongRecording(bundle.classes().size(), withSegments, pool, 2 * threads);
        try {
            for (float[] block = stream.nextBlock(); block != null; block = stream.nextBlock()) {
                stopIfInterrupted();
                for (StreamSegmenter.Closed c : segmenter.accept(block, 0, block.length)) {
                    timeline.add(c, new Signal(c.samples(), sr, stream.name()));
                }
            }
            for (StreamSegmenter.Closed c : segmenter.flush()) {
                timeline.add(c, new Signal(c.samples(), sr, stream.name()));
            }
            timeline.drain(0);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        double duration = stream.position() / (double) sr;
        List<Prediction.Segment> parts = timeline.finish(duration);
        if (timeline.speechSeconds == 0) {
            return Prediction.noSpeech(stream.name(), String.format(java.util.Locale.ROOT, "no voice activity in "
                    + "%.0f s", duration), duration, modelRef, parts).withAdaptation(singleClip());
        }
        double[] p = timeline.weighted.clone();
        for (int c = 0; c < p.length; c++) {
            p[c] /= timeline.speechSeconds;
        }
        return Prediction.of(stream.name(), bundle.classes(), p, duration, modelRef, parts)
                .withAdaptation(singleClip());
    }

    /**
     * What {@link #predictLong} accumulates, in time order: duration-weighted scores and, if asked, the segments.
     * Segments are predicted on {@code pool} (or at once without one), at most {@code inFlight} at a time.
     */
    private final class LongRecording {
        /** A closed segment and its probabilities to come (null when it holds no speech). */
        private record Pending(double startS, double endS, Future<double[]> probabilities) {
        }

        final double[] weighted;
        final List<Prediction.Segment> parts;
        final ExecutorService pool;
        final int inFlight;
        final ArrayDeque<Pending> pending = new ArrayDeque<>();
        double speechSeconds;
        double covered;

        LongRecording(int classes, boolean withSegments, ExecutorService pool, int inFlight) {
            this.weighted = new double[classes];
            this.parts = withSegments ? new ArrayList<>() : null;
            this.pool = pool;
            this.inFlight = Math.max(1, inFlight);
        }

        void add(StreamSegmenter.Closed c, Signal audio) {
            Callable<double[]> task = () -> SpeechPresence.of(audio).speech()
                    ? probabilities(bundle.featureExtractor().extract(audio)) : null;
            Future<double[]> result;
            if (pool == null) {
                FutureTask<double[]> now = new FutureTask<>(task);
                now.run();
                result = now;
            } else {
                result = pool.submit(task);
            }
            pending.add(new Pending(c.startS(), c.endS(), result));
            drain(inFlight);
        }

        /** Takes finished segments off the front until at most {@code keep} are pending. */
        void drain(int keep) {
            while (pending.size() > keep) {
                Pending next = pending.poll();
                double[] q;
                try {
                    q = next.probabilities().get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("prediction cancelled");
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
                record(next, q);
            }
        }

        private void record(Pending s, double[] q) {
            if (parts != null && s.startS() - covered >= MIN_GAP_S) {
                parts.add(Prediction.nonSpeech(covered, s.startS()));
            }
            covered = Math.max(covered, s.endS());
            if (q == null) {
                if (parts != null) {
                    parts.add(Prediction.nonSpeech(s.startS(), s.endS()));
                }
                return;
            }
            double seconds = s.endS() - s.startS();
            for (int k = 0; k < q.length; k++) {
                weighted[k] += q[k] * seconds;
            }
            speechSeconds += seconds;
            if (parts != null) {
                parts.add(Prediction.segment(s.startS(), s.endS(), bundle.classes(), q));
            }
        }

        List<Prediction.Segment> finish(double duration) {
            if (parts != null && duration - covered >= MIN_GAP_S) {
                parts.add(Prediction.nonSpeech(covered, duration));
            }
            return parts;
        }
    }

    /** Segment predictions in time order, with the stretches no segment covers as segments without speech. */
    private List<Prediction.Segment> segmentPredictions(Signal signal, SegmentSource segments,
                                                        SpeechPresence.Verdict verdict, GroupStatistics statistics) {
        List<Prediction.Segment> parts = new ArrayList<>();
        double covered = 0;
        List<SegmentSource.Span> spans = verdict.speech() ? segments.segments(signal) : List.of();
        for (int i = 0; i < spans.size(); i++) {
            SegmentSource.Span span = spans.get(i);
            stopIfInterrupted();
            if (span.startS() - covered >= MIN_GAP_S) {
                parts.add(Prediction.nonSpeech(covered, span.startS()));
            }
            covered = Math.max(covered, span.endS());
            if (speechWithin(verdict, span) < MIN_SEGMENT_S) {
                parts.add(Prediction.nonSpeech(span.startS(), span.endS()));
                continue;
            }
            double fromS = Math.max(i == 0 ? 0 : (spans.get(i - 1).endS() + span.startS()) / 2,
                    span.startS() - segments.contextS());
            double toS = Math.min(i + 1 < spans.size() ? (span.endS() + spans.get(i + 1).startS()) / 2
                    : signal.durationSeconds(), span.endS() + segments.contextS());
            int from = (int) Math.round(Math.min(span.startS(), fromS) * signal.sampleRate());
            int to = Math.min(signal.length(), (int) Math.round(Math.max(span.endS(), toS) * signal.sampleRate()));
            double[] q = probabilities(bundle.featureExtractor().extract(signal.slice(from, to)), statistics);
            parts.add(Prediction.segment(span.startS(), span.endS(), bundle.classes(), q));
        }
        if (signal.durationSeconds() - covered >= MIN_GAP_S) {
            parts.add(Prediction.nonSpeech(covered, signal.durationSeconds()));
        }
        return parts;
    }

    /** Seconds of voice activity inside a span. */
    private static double speechWithin(SpeechPresence.Verdict verdict, SegmentSource.Span span) {
        double total = 0;
        for (Segment s : verdict.segments()) {
            total += Math.max(0, Math.min(span.endS(), s.endSeconds()) - Math.max(span.startS(), s.startSeconds()));
        }
        return total;
    }

    /**
     * A recording ready to be answered as part of a group: its features, or why it holds no speech (then no
     * features). Small, so a batch of thousands can wait for its group's statistics without keeping any audio.
     */
    public record Clip(String source, double durationS, double[] features, String noSpeechReason)
            implements java.io.Serializable {
        public boolean speech() {
            return features != null;
        }
    }

    /** The features of a recording with speech ({@link SpeechPresence}), or why it has none. */
    public Clip featurise(Signal signal) {
        return clip(signal, SpeechPresence.of(signal));
    }

    private Clip clip(Signal signal, SpeechPresence.Verdict verdict) {
        return verdict.speech()
                ? new Clip(signal.source(), signal.durationSeconds(), bundle.featureExtractor().extract(signal), null)
                : new Clip(signal.source(), signal.durationSeconds(), null, verdict.reason());
    }

    /**
     * Predictions for a group of recordings that share a speaker or a channel ({@code mode}: how the group was formed,
     * e.g. {@code speaker} or {@code folder}; {@code group}: its name). A model that adapts ({@link Adaptation})
     * answers each recording adapted to the statistics of the group's recordings with speech; a model trained with
     * plain per-speaker standardisation needs at least two of them and refuses fewer. Other models answer each
     * recording on its own. Recordings without speech are answered {@link Prediction#NO_SPEECH} and left out of the
     * statistics, so silence or noise cannot skew them.
     */
    public List<Prediction> predictGroup(List<Clip> clips, String mode, String group) {
        Adaptation adaptation = bundle.adaptation().orElse(null);
        List<double[]> withSpeech = clips.stream().filter(Clip::speech).map(Clip::features).toList();
        GroupStatistics statistics = null;
        if (adaptation != null && !withSpeech.isEmpty()) {
            statistics = GroupStatistics.of(withSpeech.get(0).length, withSpeech);
            if (!adaptation.adapts(statistics) && adaptation.method() == Adaptation.Method.PLAIN) {
                throw new IllegalArgumentException("model '" + modelRef.name() + "' standardises features per "
                        + "speaker: it needs at least " + adaptation.minClips() + " recordings with speech of " + mode
                        + " '" + group + "', got " + withSpeech.size());
            }
        }
        return predictGroup(clips, statistics, mode, group);
    }

    /**
     * Predictions for recordings of a group whose statistics are known ({@code statistics}: e.g. a session's so
     * far; null: none yet). Each answer says which adaptation it used.
     */
    public List<Prediction> predictGroup(List<Clip> clips, GroupStatistics statistics, String mode, String group) {
        Prediction.Adapted used = adapted(statistics, mode, group);
        List<Prediction> out = new ArrayList<>(clips.size());
        for (Clip c : clips) {
            stopIfInterrupted();
            out.add(answer(c, statistics, null).withAdaptation(used));
        }
        return out;
    }

    /** A clip's answer adapted to {@code statistics} (null: none), with its segments' answers if any. */
    private Prediction answer(Clip c, GroupStatistics statistics, List<Prediction.Segment> parts) {
        return c.speech()
                ? Prediction.of(c.source(), bundle.classes(), probabilities(c.features(), statistics), c.durationS(),
                modelRef, parts)
                : Prediction.noSpeech(c.source(), c.noSpeechReason(), c.durationS(), modelRef, parts);
    }

    /** Calibrated probabilities of a feature vector computed by this bundle's extractor, for a single clip. */
    public double[] probabilities(double[] features) {
        return probabilities(features, null);
    }

    /**
     * Calibrated probabilities of a feature vector, adapted to a group's statistics when the model adapts (null: no
     * group, the population's statistics alone).
     */
    public double[] probabilities(double[] features, GroupStatistics group) {
        Adaptation adaptation = bundle.adaptation().orElse(null);
        return bundle.classifier().predictProba(adaptation == null ? features : adaptation.transform(features, group));
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

    /** What a single recording's answer says of adaptation: nothing for a model that does not adapt. */
    private Prediction.Adapted singleClip() {
        return adapted(null, null, null);
    }

    /** What an answer adapted to {@code statistics} (null: none) says of it; null for a model that does not adapt. */
    private Prediction.Adapted adapted(GroupStatistics statistics, String mode, String group) {
        Adaptation adaptation = bundle.adaptation().orElse(null);
        return adaptation == null ? null : adaptation.adapts(statistics)
                ? new Prediction.Adapted(mode, group, statistics.clips()) : Prediction.Adapted.NONE;
    }

    private void requireNoSpeakerNormalization() {
        if (bundle.adaptation().map(a -> a.method() == Adaptation.Method.PLAIN).orElse(false)) {
            throw new IllegalStateException("model '" + modelRef.name() + "' standardises features per speaker; "
                    + "predict several recordings of one speaker together (predictGroup)");
        }
    }
}
