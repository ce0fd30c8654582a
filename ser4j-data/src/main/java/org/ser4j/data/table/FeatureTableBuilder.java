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
import org.ser4j.data.ContentHashes;
import org.ser4j.data.DataException;
import org.ser4j.data.Progress;
import org.ser4j.data.Utterance;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.features.FeatureSpec;

/**
 * Builds a {@link FeatureTable}: decodes each utterance's file at the spec's sample rate, extracts its vector,
 * in parallel over a number of threads, with a progress bar on stderr. A file that fails (undecodable, empty,
 * extractor error) becomes an {@link ExtractionFailure}, not an abort. With a {@link FeatureCache}, vectors are
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

    /** The table for {@code utterances}; rows in input order, failures collected. */
    public FeatureTable build(List<Utterance> utterances) {
        List<String> columns = extractor.names();
        double[][] vectors = new double[utterances.size()][];
        String[] errors = new String[utterances.size()];
        AtomicInteger cacheHits = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, utterances.size())),
                daemonThreads());
        try (Progress progress = Progress.start("features", utterances.size(), quiet)) {
            List<Future<?>> tasks = new ArrayList<>();
            for (int i = 0; i < utterances.size(); i++) {
                int row = i;
                tasks.add(pool.submit(() -> {
                    try {
                        vectors[row] = vectorOf(utterances.get(row), columns.size(), cacheHits);
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
        return FeatureTable.assemble(utterances, columns, vectors, errors, cacheHits.get());
    }

    private double[] vectorOf(Utterance u, int width, AtomicInteger cacheHits) {
        FeatureSpec spec = extractor.spec();
        String hash = cache == null ? null : hashes.of(u.path());
        if (cache != null) {
            var cached = cache.get(hash, spec, width);
            if (cached.isPresent()) {
                cacheHits.incrementAndGet();
                return cached.get();
            }
        }
        Signal signal = reader.read(u.path(), spec.sampleRate());
        double[] vector = extractor.extract(signal);
        if (vector.length != width) {
            throw new DataException(u.path().toString(), "extractor returned " + vector.length + " values, its names "
                    + "list " + width);
        }
        if (cache != null) {
            cache.put(hash, spec, vector);
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
