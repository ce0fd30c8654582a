package org.ser4j.server.inference;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.ser4j.audio.Signal;
import org.ser4j.models.Prediction;
import org.ser4j.models.Predictor;
import org.ser4j.models.SegmentSource;
import org.ser4j.server.api.ApiException;

/**
 * Runs decoding and prediction on a fixed pool of worker threads with a bounded queue. When every worker is busy
 * and the queue is full, a new request is refused at once (503) instead of waiting in an unbounded queue; a
 * request that does not finish within the timeout is cancelled (503) so a client never hangs.
 */
public final class InferenceService implements AutoCloseable {
    private final Predictor predictor;
    private final UploadDecoder decoder;
    private final SegmentSource segmentSource;
    private final ThreadPoolExecutor pool;
    private final Duration timeout;
    private SessionAdaptation sessions;

    public InferenceService(Predictor predictor, UploadDecoder decoder, SegmentSource segmentSource, int workers,
                            int queueCapacity, Duration timeout) {
        this.predictor = predictor;
        this.decoder = decoder;
        this.segmentSource = segmentSource;
        this.timeout = timeout;
        BlockingQueue<Runnable> queue = queueCapacity == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(queueCapacity);
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, queue, r -> {
            Thread t = new Thread(r, "ser4j-inference-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    public Predictor predictor() {
        return predictor;
    }

    /** Answers clips of a client's session adapted to that session (when the served model adapts). */
    public InferenceService withSessions(SessionAdaptation adaptation) {
        this.sessions = adaptation;
        return this;
    }

    /** The session adaptation, if the served model adapts. */
    public java.util.Optional<SessionAdaptation> sessions() {
        return java.util.Optional.ofNullable(sessions);
    }

    /** Decodes an upload (with the duration limit) and predicts it, with segments if asked. */
    public Prediction predictUpload(byte[] data, String name, boolean segments) {
        return predictUpload(data, name, segments, null);
    }

    /**
     * Decodes an upload and predicts it, with segments if asked; with a {@code session}, adapted to that session's
     * clips so far (the upload joins them).
     */
    public Prediction predictUpload(byte[] data, String name, boolean segments, SessionAdaptation.Key session) {
        SegmentSource parts = segments ? segmentSource : null;
        if (session == null) {
            return run(() -> predictor.predict(decoder.decode(data, name), parts));
        }
        SessionAdaptation adaptation = requireSessions();
        return run(() -> adaptation.answer(decoder.decode(data, name), parts, session));
    }

    /**
     * Decodes an upload (with the duration limit) and computes something else from it on the same workers, under
     * the same queue limit and timeout as predictions: e.g. the web page's {@link AudioPlots}.
     */
    public <T> T computeUpload(byte[] data, String name, Function<Signal, T> compute) {
        return run(() -> compute.apply(decoder.decode(data, name)));
    }

    /** Predicts a signal that is already decoded (a streamed segment), adapted to {@code session} if not null. */
    public Prediction predictSignal(Signal signal, SessionAdaptation.Key session) {
        if (session == null) {
            return run(() -> predictor.predict(signal));
        }
        SessionAdaptation adaptation = requireSessions();
        return run(() -> adaptation.answer(signal, null, session));
    }

    private SessionAdaptation requireSessions() {
        if (sessions == null) {
            throw ApiException.badRequest("the served model (" + predictor.bundle().provenance().name() + ") does not "
                    + "adapt to a session: drop 'session', or serve an adaptive model such as default-adaptive");
        }
        return sessions;
    }

    /** Tasks waiting for a worker. */
    public int queued() {
        return pool.getQueue().size();
    }

    /** Tasks being computed. */
    public int active() {
        return pool.getActiveCount();
    }

    private <T> T run(Callable<T> task) {
        Future<T> future;
        try {
            future = pool.submit(task);
        } catch (RejectedExecutionException e) {
            throw ApiException.overloaded();
        }
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ApiException(503, "timeout", "the request took longer than " + describe(timeout)
                    + " and was cancelled");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ApiException(503, "shutting_down", "the server is shutting down");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** "300 ms" below a second, "30 s" above: a sub-second limit must not read as "0 s". */
    static String describe(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    /** Lets queued and running predictions finish (up to {@code grace}), then stops the workers. */
    public void shutdown(Duration grace) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(5));
    }
}
