package org.ser4j.models.classical;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Runs independent jobs on a few threads and returns their results in job order, so output never depends on timing. */
public final class Parallel {
    private Parallel() {
    }

    /** {@code job.apply(0..count-1)} on {@code threads} threads; the first failure is rethrown. */
    public static <T> List<T> map(int count, int threads, IntFunction<T> job) {
        List<T> results = new ArrayList<>(count);
        if (threads <= 1 || count <= 1) {
            for (int i = 0; i < count; i++) {
                results.add(job.apply(i));
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, count), r -> {
            Thread t = new Thread(r, "ser4j-train");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> job.apply(index)));
            }
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
