package org.ser4j.data.augment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Augmented copies of every training clip for models trained on fixed feature vectors (classical models): each
 * clip gets {@code copies} extra vectors, copy k computed from {@code pipeline.apply(clip, seedFor(hash, k))}.
 * The seed comes from the clip's content hash, so a copy does not depend on which other clips are in the run or in
 * which order, and copies are cached by {@link #copyHash} like the clip's own vector.
 *
 * @param pipeline    what to apply
 * @param description the pipeline's text as the user gave it (part of the cache key and of provenance)
 * @param copies      copies per clip (&ge; 1)
 * @param seed        base seed
 */
public record AugmentationPlan(AugmentationPipeline pipeline, String description, int copies, long seed) {
    public AugmentationPlan {
        if (copies < 1) {
            throw new IllegalArgumentException("augmented copies per clip must be >= 1, got " + copies);
        }
        if (pipeline.isEmpty()) {
            throw new IllegalArgumentException("an augmentation plan needs at least one step");
        }
    }

    /** The seed of copy {@code copy} (1-based) of the clip with this content hash. */
    public long seedFor(String contentHash, int copy) {
        byte[] d = digest(contentHash + "|" + copy + "|" + seed);
        long s = 0;
        for (int i = 0; i < 8; i++) {
            s = (s << 8) | (d[i] & 0xFF);
        }
        return s;
    }

    /**
     * A hex key for the cached vector of copy {@code copy} of a clip: changes with the seed and with the pipeline's
     * steps and values (not only its text, so a preset such as {@code channel} that changes between versions does
     * not reuse stale copies).
     */
    public String copyHash(String contentHash, int copy) {
        return HexFormat.of().formatHex(digest(contentHash + "|" + copy + "|" + seed + "|" + description + "|"
                + pipeline));
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
