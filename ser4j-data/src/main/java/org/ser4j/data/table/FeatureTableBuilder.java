package org.ser4j.data.table;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.Signal;
import org.ser4j.audio.effects.SpeechPresence;
import org.ser4j.data.ContentHashes;
import org.ser4j.data.DataException;
import org.ser4j.data.Progress;
import org.ser4j.data.Utterance;
import org.ser4j.data.augment.AugmentationPlan;
import org.ser4j.features.FeatureExtractor;

/**
 * Builds a {@link FeatureTable}: decodes each utterance's file at the spec's sample rate, extracts its vector,
 * in parallel over a number of threads, with a progress bar on stderr. A file that fails (undecodable, empty,
 * without speech, extractor error) becomes an {@link ExtractionFailure}, not an abort. With a {@link FeatureCache}, vectors are
 * looked up by content hash first and stored after extraction. Configure with the setters, then {@link #build}.
 * <pre>
 * FeatureTable table = new FeatureTableBuilder(extractor).cache(FeatureCache.atDefaultLocation()).build(utterances);
 * </pre>
 */
public final class FeatureTableBuilder {
    private final FeatureExtractor extractor;
    private int threads = Runtime.getRuntime().availableProcessors();
    private FeatureCache cache;
    private ContentHashes hashes = new ContentHashes();
    private boolean quiet;
    private SignalReader reader = AudioReader::read;
    private AugmentationPlan augmentation;
    private boolean requireSpeech = true;

    public FeatureTableBuilder(FeatureExtractor extractor) {
        this.extractor = extractor;
    }

    /** Worker threads (default: available processors). */
    public FeatureTableBuilder threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        return this;
    }

    /** The feature cache to read and fill; null (the default) for none. */
    public FeatureTableBuilder cache(FeatureCache cache) {
        this.cache = cache;
        return this;
    }

    /** The content hashes to share with the leakage check, so each file is hashed once per run. */
    public FeatureTableBuilder hashes(ContentHashes hashes) {
        this.hashes = hashes;
        return this;
    }

    /** No progress bar even on a terminal. */
    public FeatureTableBuilder quiet(boolean quiet) {
        this.quiet = quiet;
        return this;
    }

    /** How files are decoded (default: ser4j-audio's AudioReader). */
    public FeatureTableBuilder reader(SignalReader reader) {
        this.reader = reader;
        return this;
    }

    /**
     * Whether a file without speech ({@link SpeechPresence}: silence, steady noise or a steady tone) becomes a
     * failure instead of a row (default true: {@code predict} answers such a clip "no speech", so a model must not
     * learn an emotion from it).
     */
    public FeatureTableBuilder requireSpeech(boolean require) {
        this.requireSpeech = require;
        return this;
    }

    /**
     * Augmented copies of every clip ({@link FeatureTable#augmented()}), computed from the decoded clip and cached
     * like its own vector; null (the default) for none.
     */
    public FeatureTableBuilder augmentation(AugmentationPlan plan) {
        this.augmentation = plan;
        return this;
    }

    /** The table for {@code utterances}; rows in input order, failures collected. */
    public FeatureTable build(List<Utterance> utterances) {
        List<String> columns = extractor.names();
        double[][] vectors = new double[utterances.size()][];
        double[][][] copies = augmentation == null ? null : new double[utterances.size()][][];
        String[] errors = new String[utterances.size()];
        AtomicInteger cacheHits = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, utterances.size())),
                daemonThreads());
        String label = augmentation == null ? "features" : "features + " + augmentation.copies() + " augmented";
        try (Progress progress = Progress.start(label, utterances.size(), quiet)) {
            List<Future<?>> tasks = new ArrayList<>();
            for (int i = 0; i < utterances.size(); i++) {
                int row = i;
                tasks.add(pool.submit(() -> {
                    try {
                        vectors[row] = vectorOf(utterances.get(row), columns.size(), cacheHits, copies, row);
                    } catch (RuntimeException e) {
                        errors[row] = messageOf(utterances.get(row), e);
                    } finally {
                        progress.step();
                    }
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("feature extraction", "interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("feature extraction worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return FeatureTable.assemble(utterances, columns, vectors, copies, errors, cacheHits.get());
    }

    /** The clip's vector; its augmented copies (if asked for) go to {@code copies[row]}. */
    private double[] vectorOf(Utterance u, int width, AtomicInteger cacheHits, double[][][] copies, int row) {
        String hash = cache == null && augmentation == null ? null : hashes.of(u.path());
        double[] vector = cached(hash, width);
        double[][] augmented = augmentation == null ? null : new double[augmentation.copies()][];
        boolean complete = vector != null;
        for (int k = 0; augmented != null && k < augmented.length; k++) {
            augmented[k] = cached(augmentation.copyHash(hash, k + 1), width);
            complete &= augmented[k] != null;
        }
        if (complete) {
            cacheHits.incrementAndGet();
        } else {
            Signal signal = reader.read(u.path(), extractor.spec().sampleRate());
            SpeechPresence.Verdict speech = requireSpeech ? SpeechPresence.of(signal) : null;
            if (speech != null && !speech.speech()) {
                throw new DataException(u.path().toString(), "no speech: " + speech.reason());
            }
            if (vector == null) {
                vector = extracted(u, signal, width, hash);
            }
            for (int k = 0; augmented != null && k < augmented.length; k++) {
                if (augmented[k] == null) {
                    Signal copy = augmentation.pipeline().apply(signal, augmentation.seedFor(hash, k + 1)).signal();
                    augmented[k] = extracted(u, copy, width, augmentation.copyHash(hash, k + 1));
                }
            }
        }
        if (copies != null) {
            copies[row] = augmented;
        }
        return vector;
    }

    private double[] cached(String key, int width) {
        return cache == null ? null : cache.get(key, extractor.spec(), width).orElse(null);
    }

    private double[] extracted(Utterance u, Signal signal, int width, String cacheKey) {
        double[] vector = extractor.extract(signal);
        if (vector.length != width) {
            throw new DataException(u.path().toString(), "extractor returned " + vector.length + " values, its names "
                    + "list " + width);
        }
        if (cache != null) {
            cache.put(cacheKey, extractor.spec(), vector);
        }
        return vector;
    }

    /** The exception's message, prefixed with the file unless it already names it. */
    private static String messageOf(Utterance u, RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.contains(u.path().toString()) || message.contains(u.fileName()) ? message
                : u.path() + ": " + message;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "ser4j-features-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
