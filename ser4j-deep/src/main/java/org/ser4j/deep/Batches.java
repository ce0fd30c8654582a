package org.ser4j.deep;

import org.ser4j.data.sequence.Sequence;

/** Packing sequences into the flat float arrays a batch tensor is made from. */
final class Batches {
    private Batches() {
    }

    /** Copies {@code s} into slot {@code b} of (batch, channels, frames) values and (batch, frames) masks. */
    static void copyInto(Sequence s, float[] values, float[] mask, int b) {
        int c = s.channels();
        int t = s.frames();
        for (int i = 0; i < c; i++) {
            System.arraycopy(s.values()[i], 0, values, (b * c + i) * t, t);
        }
        System.arraycopy(s.mask(), 0, mask, b * t, t);
    }
}
