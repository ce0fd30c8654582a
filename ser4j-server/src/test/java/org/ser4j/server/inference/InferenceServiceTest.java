package org.ser4j.server.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ser4j.audio.Signal;
import org.ser4j.models.Prediction;
import org.ser4j.models.Predictor;
import org.ser4j.models.SegmentSource;
import org.ser4j.server.TestAudio;
import org.ser4j.server.TestModel;
import org.ser4j.server.api.ApiException;
import org.junit.jupiter.api.Test;

/**
 * The worker pool's timeout, made deterministic: the work that overruns blocks until it is interrupted, so the test
 * does not depend on how fast this machine computes features.
 */
class InferenceServiceTest {
    private static final int RATE = 16000;

    private static InferenceService service(Duration timeout) {
        return new InferenceService(new Predictor(TestModel.bundle()), new UploadDecoder(RATE, 600),
                SegmentSource.voiceActivity(), 1, 0, timeout);
    }

    @Test
    void workOverTheTimeoutIsAnswered503AndItsWorkerIsInterruptedAndFreed() throws Exception {
        byte[] clip = TestAudio.wav(TestAudio.noise(1, RATE, 0.1, 7), RATE);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        try (InferenceService service = service(Duration.ofMillis(200))) {
            long t0 = System.nanoTime();
            ApiException e = assertThrows(ApiException.class, () -> service.computeUpload(clip, "a.wav", signal -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await(); // never counted down: only an interrupt ends it
                } catch (InterruptedException stop) {
                    interrupted.countDown();
                }
                return null;
            }));
            long waitedMs = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(0, started.getCount(), "the work ran on a worker");
            assertEquals(503, e.status());
            assertEquals("timeout", e.code());
            assertEquals("the request took longer than 200 ms and was cancelled", e.getMessage());
            assertTrue(waitedMs >= 200, "answered after " + waitedMs + " ms");
            assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the overrunning work was interrupted");
            // The single worker is free again: the next request is computed, not refused as overloaded (once the
            // worker has gone back to waiting for work, a matter of moments after its task ended).
            Prediction p = null;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (p == null) {
                try {
                    p = service.predictUpload(clip, "b.wav", false);
                } catch (ApiException busy) {
                    assertEquals("overloaded", busy.code());
                    assertTrue(System.nanoTime() < deadline, "the worker never became free");
                    Thread.sleep(10);
                }
            }
            assertEquals(1.0, p.durationS(), 1e-9, "the next request was answered");
        }
    }

    @Test
    void aSegmentedPredictionStopsBetweenSegmentsOnceItsThreadIsInterrupted() {
        // Three bursts of noise between quiet stretches (a faint floor, so the recording holds speech by
        // SpeechPresence's measure): voice-activity segmentation finds segments to loop over.
        float[] samples = TestAudio.noise(6, RATE, 3e-4, 9);
        for (int burst = 0; burst < 3; burst++) {
            float[] noise = TestAudio.noise(1, RATE, 0.3, 10 + burst);
            System.arraycopy(noise, 0, samples, (2 * burst + 1) * RATE - RATE / 2, RATE);
        }
        Signal signal = new Signal(samples, RATE, "bursts");
        Predictor predictor = new Predictor(TestModel.bundle());
        assertTrue(predictor.predict(signal, SegmentSource.voiceActivity()).segments().stream()
                .anyMatch(Prediction.Segment::speech));

        Thread.currentThread().interrupt();
        try {
            assertThrows(CancellationException.class, () -> predictor.predict(signal, SegmentSource.voiceActivity()));
        } finally {
            Thread.interrupted(); // leave this test thread clean for the next test
        }
    }

    @Test
    void subSecondLimitsAreDescribedInMilliseconds() {
        assertEquals("300 ms", InferenceService.describe(Duration.ofMillis(300)));
        assertEquals("30 s", InferenceService.describe(Duration.ofSeconds(30)));
    }
}
