package org.ser4j.audio;

/** How alike two versions of one signal are, for the decoder, codec and conditioning tests. */
final class Similarity {
    private Similarity() {
    }

    /** Normalised cross-correlation (no mean removed) of a[i] with b[i + lag] over all of {@code a}. */
    static double correlation(float[] a, float[] b, int lag) {
        return correlation(a, b, lag, 0, a.length);
    }

    /** As above over i in [from, to); pairs whose b[i + lag] falls outside {@code b} are left out. */
    static double correlation(float[] a, float[] b, int lag, int from, int to) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = Math.max(0, from); i < Math.min(a.length, to); i++) {
            int j = i + lag;
            if (j < 0 || j >= b.length) {
                continue;
            }
            ab += (double) a[i] * b[j];
            aa += (double) a[i] * a[i];
            bb += (double) b[j] * b[j];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
