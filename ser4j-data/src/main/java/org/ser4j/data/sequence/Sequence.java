package org.ser4j.data.sequence;

/**
 * A fixed-length input: (channels x frames) values and a per-frame mask (1 real, 0 padding).
 *
 * @param values      channels x frames
 * @param mask        one entry per frame
 * @param validFrames number of real frames (they come first)
 */
public record Sequence(float[][] values, float[] mask, int validFrames) {
    public int channels() {
        return values.length;
    }

    public int frames() {
        return mask.length;
    }
}
