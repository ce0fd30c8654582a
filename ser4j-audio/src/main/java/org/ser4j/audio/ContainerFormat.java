package org.ser4j.audio;

/**
 * Audio containers recognised from their first bytes (magic numbers), never from the file name.
 */
public enum ContainerFormat {
    /** RIFF/WAVE or RF64: decoded in pure Java. */
    WAV,
    FLAC,
    /** Ogg (Vorbis, Opus, FLAC-in-Ogg). */
    OGG,
    /** MPEG audio (MP3), with or without an ID3v2 tag. */
    MP3,
    /** ISO base media / QuickTime (M4A, MP4: AAC, ALAC). */
    MP4,
    /** AIFF / AIFF-C. */
    AIFF,
    /** Matroska / WebM. */
    MATROSKA,
    /** Core Audio Format. */
    CAF,
    /** AMR narrow/wide band. */
    AMR,
    /** Raw ADTS AAC. */
    AAC_ADTS;

    /** Bytes of the head {@link #detect} needs to see. */
    public static final int PROBE_BYTES = 16;

    /** Whether FFmpeg decodes it (everything but WAV). */
    public boolean compressed() {
        return this != WAV;
    }

    /**
     * The container for a file's first bytes, or null when none matches (text, unknown or random data).
     *
     * @param head the first {@link #PROBE_BYTES} bytes (fewer if the input is shorter)
     * @param n    how many of them are valid
     */
    public static ContainerFormat detect(byte[] head, int n) {
        // A RIFF file too short to show its form type is treated as a (truncated) WAV, for a precise error.
        if (starts(head, n, 0, "RIFF") && (n < 12 || starts(head, n, 8, "WAVE")) || starts(head, n, 0, "RF64")) {
            return WAV;
        }
        if (starts(head, n, 0, "fLaC")) {
            return FLAC;
        }
        if (starts(head, n, 0, "OggS")) {
            return OGG;
        }
        if (starts(head, n, 0, "ID3")) {
            return MP3;
        }
        if (starts(head, n, 4, "ftyp")) {
            return MP4;
        }
        if (starts(head, n, 0, "FORM") && (starts(head, n, 8, "AIFF") || starts(head, n, 8, "AIFC"))) {
            return AIFF;
        }
        if (n >= 4 && (head[0] & 0xFF) == 0x1A && (head[1] & 0xFF) == 0x45 && (head[2] & 0xFF) == 0xDF
                && (head[3] & 0xFF) == 0xA3) {
            return MATROSKA;
        }
        if (starts(head, n, 0, "caff")) {
            return CAF;
        }
        if (starts(head, n, 0, "#!AMR")) {
            return AMR;
        }
        if (n >= 4 && (head[0] & 0xFF) == 0xFF) {
            int b1 = head[1] & 0xFF;
            if ((b1 & 0xF6) == 0xF0) {
                return AAC_ADTS; // 12-bit sync, layer bits 00
            }
            // MPEG audio frame: 11-bit sync, version != reserved, layer != reserved, bitrate and rate not invalid
            int b2 = head[2] & 0xFF;
            if ((b1 & 0xE0) == 0xE0 && (b1 & 0x18) != 0x08 && (b1 & 0x06) != 0 && (b2 & 0xF0) != 0xF0
                    && (b2 & 0x0C) != 0x0C) {
                return MP3;
            }
        }
        return null;
    }

    private static boolean starts(byte[] b, int n, int at, String magic) {
        if (n < at + magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (b[at + i] != (byte) magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
