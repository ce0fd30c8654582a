package org.ser4j.audio;

/**
 * ITU-T G.711 mu-law and A-law expansion to 16-bit linear PCM, as libsndfile and sox decode it
 * (mu-law peaks at +-32124, A-law at +-32256). Tables are built once from the standard bit layout.
 */
final class G711 {
    /** 8-bit code to int16 value. */
    static final short[] ULAW = new short[256];
    static final short[] ALAW = new short[256];

    static {
        for (int code = 0; code < 256; code++) {
            ULAW[code] = (short) ulawToLinear(code);
            ALAW[code] = (short) alawToLinear(code);
        }
    }

    private G711() {
    }

    /** mu-law: the code is stored inverted; 3 exponent bits, 4 mantissa bits, bias 0x84 (132). */
    private static int ulawToLinear(int code) {
        int u = ~code & 0xFF;
        int exponent = (u >> 4) & 0x07;
        int mantissa = u & 0x0F;
        int magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
        return (u & 0x80) != 0 ? -magnitude : magnitude;
    }

    /** A-law: even bits inverted (xor 0x55); segment 0 is linear, higher segments double the step. */
    private static int alawToLinear(int code) {
        int a = code ^ 0x55;
        int magnitude = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        if (segment == 0) {
            magnitude += 8;
        } else {
            magnitude = (magnitude + 0x108) << (segment - 1);
        }
        return (a & 0x80) != 0 ? magnitude : -magnitude;
    }
}
