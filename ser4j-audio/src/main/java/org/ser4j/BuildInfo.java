package org.ser4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** The ser4j version (from the build) and, where the code runs from a git checkout, the commit. */
public final class BuildInfo {
    private static final String VERSION = loadVersion();
    private static volatile String commit;

    private BuildInfo() {
    }

    public static String version() {
        return VERSION;
    }

    /** The git commit of the working tree ser4j runs from (with "-dirty" if modified), or "unknown". */
    public static String commit() {
        String c = commit;
        if (c == null) {
            c = gitCommit();
            commit = c;
        }
        return c;
    }

    private static String loadVersion() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException ignored) {
            // fall through to "dev"
        }
        return "dev";
    }

    private static String gitCommit() {
        String env = System.getenv("SER4J_COMMIT");
        if (env != null && !env.isBlank()) {
            return env;
        }
        String home = System.getProperty("ser4j.home", ".");
        if (!Files.isDirectory(Path.of(home, ".git"))) {
            return "unknown";
        }
        try {
            String head = run(home, "git", "rev-parse", "--short=12", "HEAD");
            String dirty = run(home, "git", "status", "--porcelain", "--untracked-files=no");
            return head.isEmpty() ? "unknown" : head + (dirty.isEmpty() ? "" : "-dirty");
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private static String run(String dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(Path.of(dir).toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return "";
        }
        return out;
    }
}
