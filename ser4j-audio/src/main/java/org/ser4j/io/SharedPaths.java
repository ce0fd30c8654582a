package org.ser4j.io;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the read-only shared material lives: corpora ({@code SER4J_DATA}, default {@code ../shared/datasets}),
 * librosa reference values and sample clips. Tests get the shared folder through the {@code ser4j.shared} system
 * property that the build sets; the CLI falls back to {@code ../shared} beside the working directory.
 */
public final class SharedPaths {
    private SharedPaths() {
    }

    /** The shared folder: -Dser4j.shared, env SER4J_SHARED, or ../shared relative to the working directory. */
    public static Path shared() {
        String p = System.getProperty("ser4j.shared");
        if (p == null || p.isBlank()) {
            p = System.getenv("SER4J_SHARED");
        }
        if (p == null || p.isBlank()) {
            Path cwd = Path.of("").toAbsolutePath();
            for (Path d = cwd; d != null; d = d.getParent()) {
                if (Files.isDirectory(d.resolve("../shared/datasets"))) {
                    return d.resolve("../shared").normalize();
                }
            }
            p = "../shared";
        }
        return Path.of(p).toAbsolutePath().normalize();
    }

    /** Corpora root: env SER4J_DATA, else shared/datasets. */
    public static Path datasets() {
        String env = System.getenv("SER4J_DATA");
        return env != null && !env.isBlank() ? Path.of(env) : shared().resolve("datasets");
    }

    public static Path reference() {
        return shared().resolve("reference");
    }

    public static Path samples() {
        return shared().resolve("samples");
    }
}
