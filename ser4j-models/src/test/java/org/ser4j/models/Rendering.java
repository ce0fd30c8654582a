package org.ser4j.models;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One way of delivering the same recording in another container (rate, bit depth, channels, level, codec), as
 * users' files differ, and the command that makes it from the clip's reference WAV with Debian's sox or ffmpeg.
 * Every command is deterministic: sox runs with {@code -D} (no dither) and {@code -R} (repeatable random numbers
 * for the synthesised noise); ffmpeg with its bitexact flags and no metadata. {@link #CATALOGUE} lists them in
 * the order of the report.
 *
 * @param name        short id used in reports and file names, e.g. {@code opus-webm}
 * @param kind        which threshold applies
 * @param description what it is, for the report
 * @param fileName    the output file's name (the extension matters to sox and ffmpeg, never to ser4j's decoder)
 * @param command     the command line, given the paths of one clip
 */
record Rendering(String name, Kind kind, String description, String fileName, Function<Job, List<String>> command) {

    /** Which threshold a rendering is held to. */
    enum Kind {
        /** The clip as the pool holds it, unchanged: what every other rendering is compared with. */
        REFERENCE,
        /** Nothing about the voice is lost: the answer must not change (agreement ≥ 0.95). */
        LOSSLESS,
        /** A perceptual codec at a common bit rate: a little more change is tolerated (agreement ≥ 0.90). */
        LOSSY,
        /** Measured and reported, never asserted (the telephone band really does remove part of the voice). */
        REPORT_ONLY;

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * The paths of one clip's renderings.
     *
     * @param source         what the rendering is made from: the pool's FLAC for the reference, the clip's
     *                       reference WAV for every other rendering
     * @param out            where this rendering goes
     * @param roomNoise      0.5 s of pink noise (32-bit float WAV at 16 kHz), the same file for every clip
     * @param roomNoiseScale the factor that puts {@code roomNoise} {@link #ROOM_NOISE_DB} below this clip's speech
     */
    record Job(Path source, Path out, Path roomNoise, double roomNoiseScale) {
    }

    /** How far the lead-in's room noise sits below the clip's speech level (a quiet room with a good microphone). */
    static final double ROOM_NOISE_DB = 35;

    /** The rendering every other one is compared with. */
    static final Rendering REFERENCE = new Rendering("reference", Kind.REFERENCE,
            "16-bit 16 kHz WAV (the pool's FLAC, unchanged)", "reference.wav",
            j -> sox(j.source(), j.out(), List.of("-e", "signed-integer", "-b", "16"), List.of()));

    /** The rendering whose features the feature-shift check compares with the reference's. */
    static final Rendering FLOAT_48K = new Rendering("float-48k", Kind.LOSSLESS,
            "32-bit float WAV, 48 kHz", "float48k.wav",
            j -> sox(j.source(), j.out(), List.of("-e", "floating-point", "-b", "32"),
                    List.of("rate", "-v", "48000")));

    /** The reference first, then every other rendering, in report order. */
    static final List<Rendering> CATALOGUE = List.of(
            REFERENCE,
            FLOAT_48K,
            new Rendering("pcm16-44k", Kind.LOSSLESS, "16-bit WAV, 44.1 kHz", "pcm16_44k.wav",
                    j -> sox(j.source(), j.out(), pcm16(), List.of("rate", "-v", "44100"))),
            new Rendering("pcm16-22k", Kind.LOSSLESS, "16-bit WAV, 22.05 kHz", "pcm16_22k.wav",
                    j -> sox(j.source(), j.out(), pcm16(), List.of("rate", "-v", "22050"))),
            new Rendering("stereo-equal", Kind.LOSSLESS, "16-bit stereo WAV, both channels equal", "stereo_equal.wav",
                    j -> sox(j.source(), j.out(), pcm16(), List.of("remix", "1", "1"))),
            // Two microphones of one recorder, as a 48 kHz device writes them: the right channel 1 dB quieter
            // (10^(-1/20) = 0.891251) and one sample late, so the decoder's channel mean is not simply the mono
            // signal. At 48 kHz one sample of delay makes that mean a gentle comb that costs at most 1.3 dB below
            // 8 kHz (at 16 kHz the same offset would be a real low-pass: -3 dB at 4 kHz, -8 dB at 6 kHz).
            new Rendering("stereo-offset", Kind.LOSSLESS,
                    "16-bit stereo WAV at 48 kHz, right channel 1 dB quieter and 1 sample late", "stereo_offset.wav",
                    j -> sox(j.source(), j.out(), pcm16(), List.of("rate", "-v", "48000", "remix", "1", "1v0.891251",
                            "delay", "0", "1s"))),
            // +12 dB pushes loud clips past full scale. sox would clip (its internal samples are 32-bit integers,
            // whatever the output encoding), so ffmpeg applies the gain in float and writes 32-bit float WAV,
            // which holds values above 1.0: nothing clips, and the rendering differs from the reference by level
            // alone.
            new Rendering("gain+12db", Kind.LOSSLESS, "+12 dB, 32-bit float WAV (nothing clipped)", "gain_plus12.wav",
                    j -> ffmpeg(j.source(), j.out(),
                            List.of("-af", "aformat=sample_fmts=flt,volume=12dB:precision=float", "-c:a", "pcm_f32le"))),
            // 16-bit on purpose: the quieter signal is quantised 12 dB closer to its own level.
            new Rendering("gain-12db", Kind.LOSSLESS, "-12 dB, 16-bit WAV", "gain_minus12.wav",
                    j -> sox(j.source(), j.out(), pcm16(), List.of("gain", "-12"))),
            new Rendering("dc-offset", Kind.LOSSLESS, "DC offset +0.05 (sox dcshift), 16-bit WAV", "dc_offset.wav",
                    j -> sox(j.source(), j.out(), pcm16(), List.of("dcshift", "0.05"))),
            // sox concatenates its inputs; -v scales only the input it precedes (the noise).
            new Rendering("room-noise-lead-in", Kind.LOSSLESS,
                    "0.5 s of pink room noise 35 dB below the speech level, then the clip; 16-bit WAV",
                    "room_noise.wav",
                    j -> List.of("sox", "-D", "-R", "-v", String.format(Locale.ROOT, "%.8f", j.roomNoiseScale()),
                            j.roomNoise().toString(), j.source().toString(), "-e", "signed-integer", "-b", "16",
                            j.out().toString())),
            new Rendering("mp3-128k", Kind.LOSSY, "MP3 128 kbit/s (LAME)", "mp3_128k.mp3",
                    j -> ffmpeg(j.source(), j.out(), List.of("-c:a", "libmp3lame", "-b:a", "128k"))),
            new Rendering("opus-ogg", Kind.LOSSY, "Opus 32 kbit/s in Ogg", "opus_32k.ogg",
                    j -> ffmpeg(j.source(), j.out(), List.of("-c:a", "libopus", "-b:a", "32k"))),
            // What browsers' MediaRecorder produces, and so what the web page uploads.
            new Rendering("opus-webm", Kind.LOSSY, "Opus 32 kbit/s in WebM (browser recordings)", "opus_32k.webm",
                    j -> ffmpeg(j.source(), j.out(), List.of("-c:a", "libopus", "-b:a", "32k"))),
            new Rendering("aac-m4a", Kind.LOSSY, "AAC-LC 96 kbit/s in M4A (ffmpeg aac)", "aac_96k.m4a",
                    j -> ffmpeg(j.source(), j.out(), List.of("-c:a", "aac", "-b:a", "96k"))),
            // Band-limited before the rate change, as a telephone line is.
            new Rendering("telephone-8k", Kind.REPORT_ONLY, "8 kHz mu-law WAV, 300-3400 Hz band", "telephone_8k.wav",
                    j -> sox(j.source(), j.out(), List.of("-e", "mu-law", "-b", "8"),
                            List.of("sinc", "300-3400", "rate", "-v", "8000"))));

    /** The renderings compared with the reference (all but the reference itself). */
    static List<Rendering> compared() {
        return CATALOGUE.stream().filter(r -> r.kind() != Kind.REFERENCE).toList();
    }

    /** The command that writes the 0.5 s of pink noise used by the room-noise lead-in (16 kHz, 32-bit float). */
    static List<String> roomNoiseCommand(Path out) {
        return List.of("sox", "-D", "-R", "-n", "-r", "16000", "-c", "1", "-e", "floating-point", "-b", "32",
                out.toString(), "synth", "0.5", "pinknoise");
    }

    private static List<String> pcm16() {
        return List.of("-e", "signed-integer", "-b", "16");
    }

    /** {@code sox -D IN [output options] OUT [effects]}. */
    private static List<String> sox(Path in, Path out, List<String> outputOptions, List<String> effects) {
        List<String> c = new ArrayList<>(List.of("sox", "-D", in.toString()));
        c.addAll(outputOptions);
        c.add(out.toString());
        c.addAll(effects);
        return c;
    }

    /** {@code ffmpeg -i IN [options] OUT}, quiet, without metadata, bit-exact (no encoder version in the file). */
    private static List<String> ffmpeg(Path in, Path out, List<String> options) {
        List<String> c = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                "-i", in.toString()));
        c.addAll(options);
        c.addAll(List.of("-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact", out.toString()));
        return c;
    }
}
