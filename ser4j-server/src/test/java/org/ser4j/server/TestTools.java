package org.ser4j.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Command-line tools some server tests run (e.g. promtool). A missing tool skips the test on a developer machine but
 * fails it when the environment variable {@code CI} is set: CI installs them (.ci/run), so there it is a broken
 * image, not a reason to stop checking.
 */
public final class TestTools {
    private TestTools() {
    }

    /** Whether {@code command args...} runs and exits 0 within 30 s. */
    public static boolean onPath(String command, String... args) {
        List<String> line = new ArrayList<>(List.of(command));
        line.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Skips the calling test, or fails it under CI. */
    public static void missing(String what) {
        if (System.getenv("CI") != null) {
            fail(what + " is missing; CI is set, so a missing tool is an error");
        }
        Assumptions.abort(what + " is missing");
    }
}
