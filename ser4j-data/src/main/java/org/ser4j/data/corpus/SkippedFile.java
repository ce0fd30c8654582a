package org.ser4j.data.corpus;

import java.nio.file.Path;

/** An audio file a loader found but could not label, and why (name off-convention, unknown code, missing file). */
public record SkippedFile(Path path, String reason) {
    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
