package org.ser4j.models;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The command-line tools the invariance suite renders audio with (Debian's {@code sox} and {@code ffmpeg}): a check
 * that they are there, and a way to run one command with a time limit.
 */
final class ExternalTools {
    /** One rendering of a 3 s clip takes well under a second; a minute means the tool hangs. */
    private static final long COMMAND_TIMEOUT_S = 60;

    /** A command that failed or timed out; the message holds the command line and what the tool printed. */
    static final class CommandFailed extends Exception {
        CommandFailed(String message) {
            super(message);
        }
    }

    private ExternalTools() {
    }

    /**
     * Skips the calling test when a tool is missing (a developer machine without them), but fails it when the
     * environment variable {@code CI} is set: CI installs them (.ci/audio-tools.sh), so a missing tool there is a
     * broken CI image, not a reason to silently stop measuring.
     */
    static void requireOnPath(String... tools) {
        List<String> missing = new ArrayList<>();
        for (String tool : tools) {
            if (!runs(tool)) {
                missing.add(tool);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String why = "the invariance suite needs " + String.join(" and ", missing) + " on PATH (Debian: apt-get "
                + "install sox ffmpeg; CI runs .ci/audio-tools.sh)";
        if (System.getenv("CI") != null) {
            fail(why + "; CI is set, so a missing tool is an error");
        }
        Assumptions.abort(why);
    }

    /** Runs a command to completion; a non-zero exit or a time-out is a {@link CommandFailed}. */
    static void run(List<String> command) throws CommandFailed {
        String line = String.join(" ", command);
        Path log = null;
        Process process = null;
        try {
            // Output goes to a file rather than a pipe, so a tool that hangs cannot block this thread on a read
            // and the time limit below always applies.
            log = Files.createTempFile("ser4j-tool", ".log");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!process.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS)) {
                throw new CommandFailed(line + ": no result after " + COMMAND_TIMEOUT_S + " s");
            }
            if (process.exitValue() != 0) {
                throw new CommandFailed(line + ": exit " + process.exitValue() + ": "
                        + Files.readString(log, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new CommandFailed(line + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailed(line + ": interrupted");
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a leftover log in the temp folder is harmless
                }
            }
        }
    }

    private static boolean runs(String tool) {
        try {
            run(List.of(tool, tool.equals("ffmpeg") ? "-version" : "--version"));
            return true;
        } catch (CommandFailed e) {
            return false;
        }
    }
}
