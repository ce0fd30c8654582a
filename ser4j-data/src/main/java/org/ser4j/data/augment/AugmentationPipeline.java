package org.ser4j.data.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.ser4j.audio.CodecRoundTrip;
import org.ser4j.audio.Signal;

/**
 * Waveform augmentations applied in order, each with its own probability. Every choice (whether a step runs and
 * the values it draws) comes from the caller's {@link Random}, so {@link #apply(Signal, long)} with the same seed
 * always gives the same samples. Immutable and thread-safe.
 *
 * <p>A pipeline can be written as text, e.g.
 * {@code noise=white:5:30@0.5, pitch=-2:2@0.5, stretch=0.9:1.1@0.3, shift=0.1, gain=-6:6, reverb=0.2:0.8@0.3}:
 * comma-separated {@code name=arguments[@probability]} with colon-separated arguments (see {@link #parse}).
 * Besides these content changes there are channel simulations (what a recording or transmission path does to the
 * same speech): {@code codec=mp3:32:128}, {@code telephone=mulaw}, {@code resample=8000:22050},
 * {@code quantize=8:16}; the preset {@code channel} ({@link #channel}) applies one channel simulation per clip.
 */
public final class AugmentationPipeline {
    /**
     * One step.
     *
     * @param augmentation what to apply
     * @param probability  chance that it runs on a given clip
     */
    public record Step(WaveformAugmentation augmentation, double probability) {
        public Step {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
            }
        }
    }

    /** The output signal and a description of every step that ran. */
    public record Result(Signal signal, List<String> applied) {
    }

    private final List<Step> steps;

    public AugmentationPipeline(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /** No augmentation. */
    public static AugmentationPipeline none() {
        return new AugmentationPipeline(List.of());
    }

    /**
     * A default training pipeline for emotional speech: noise (white/pink, or real when a bank is given) at
     * 10-30 dB SNR, pitch ±2 semitones, speed 0.9-1.1, shift ±0.1 s, gain ±6 dB and rooms of RT60 0.2-0.8 s,
     * each on a share of the clips so that most clips still look natural.
     *
     * @param bank real noise, or null for synthetic noise only
     */
    public static AugmentationPipeline defaults(NoiseBank bank) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(new PitchShift(-2, 2), 0.3));
        steps.add(new Step(new TimeStretch(0.9, 1.1), 0.3));
        steps.add(new Step(new Reverb(0.2, 0.8), 0.2));
        NoiseType noise = bank != null && !bank.isEmpty() ? NoiseType.REAL : NoiseType.PINK;
        steps.add(new Step(new AdditiveNoise(noise, 10, 30, bank), 0.3));
        steps.add(new Step(new AdditiveNoise(NoiseType.WHITE, 15, 35, null), 0.2));
        steps.add(new Step(new TimeShift(0.1), 0.5));
        steps.add(new Step(new Gain(-6, 6), 0.5));
        return new AugmentationPipeline(steps);
    }

    /** The bitrates (kbit/s), rates (Hz) and bit depths the {@code channel} preset draws from. */
    public static final int[] CHANNEL_MP3_KBPS = {32, 128};
    public static final int[] CHANNEL_OPUS_KBPS = {16, 48};
    public static final int[] CHANNEL_AAC_KBPS = {32, 96};
    public static final List<Integer> CHANNEL_RATES = List.of(8000, 11025, 22050, 44100, 48000);

    /**
     * The {@code channel} preset, for training models that answer the same whatever channel the audio came
     * through: every clip gets exactly one channel simulation, chosen uniformly ({@link OneOf}) from nine:
     * <ul>
     *   <li>an MP3 round trip at 32-128 kbit/s, Opus at 16-48 kbit/s, AAC at 32-96 kbit/s ({@link LossyCodec});</li>
     *   <li>a telephone channel: 8 kHz, 300-3400 Hz, G.711 mu-law as most phone networks carry it
     *       ({@link Telephone});</li>
     *   <li>a resampling chain via 8000, 11025, 22050, 44100 or 48000 Hz with 16-bit output
     *       ({@link ResampleChain});</li>
     *   <li>uniform quantisation to 8-16 bits ({@link Quantize});</li>
     *   <li>gain -12..+12 dB ({@link Gain});</li>
     *   <li>a room of RT60 0.2-0.6 s ({@link Reverb});</li>
     *   <li>noise at 15-35 dB SNR ({@link AdditiveNoise}): real noise from {@code bank} when it holds any, else
     *       pink.</li>
     * </ul>
     * The codec steps need FFmpeg's libmp3lame, libopus and aac encoders; building the preset fails with a clear
     * message when one is missing.
     *
     * @param bank real noise, or null for pink noise
     */
    public static AugmentationPipeline channel(NoiseBank bank) {
        NoiseType noise = bank != null && !bank.isEmpty() ? NoiseType.REAL : NoiseType.PINK;
        List<WaveformAugmentation> choices = List.of(
                new LossyCodec(CodecRoundTrip.Codec.MP3, CHANNEL_MP3_KBPS[0], CHANNEL_MP3_KBPS[1]),
                new LossyCodec(CodecRoundTrip.Codec.OPUS, CHANNEL_OPUS_KBPS[0], CHANNEL_OPUS_KBPS[1]),
                new LossyCodec(CodecRoundTrip.Codec.AAC, CHANNEL_AAC_KBPS[0], CHANNEL_AAC_KBPS[1]),
                new Telephone(Telephone.Law.MULAW),
                new ResampleChain(CHANNEL_RATES),
                new Quantize(8, 16),
                new Gain(-12, 12),
                new Reverb(0.2, 0.6),
                new AdditiveNoise(noise, 15, 35, bank));
        return new AugmentationPipeline(List.of(new Step(new OneOf(choices), 1)));
    }

    public List<Step> steps() {
        return steps;
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** Applies the pipeline with a generator seeded by {@code seed}. */
    public Result apply(Signal signal, long seed) {
        return apply(signal, new Random(seed));
    }

    /** Applies the pipeline, drawing from {@code random}. */
    public Result apply(Signal signal, Random random) {
        Signal current = signal;
        List<String> applied = new ArrayList<>();
        for (Step step : steps) {
            // draw the coin even for probability 1 so adding a step's probability never reshuffles the others
            boolean run = random.nextDouble() < step.probability();
            if (run) {
                WaveformAugmentation.Applied out = step.augmentation().apply(current, random);
                current = out.signal();
                applied.add(out.description());
            }
        }
        return new Result(current, applied);
    }

    /**
     * Parses the text form. Names and arguments (ranges as {@code lo:hi}, a single value meaning lo = hi):
     * {@code noise=white|pink|real:minSnr:maxSnr}, {@code pitch=minSt:maxSt}, {@code stretch=minRate:maxRate},
     * {@code shift=maxSeconds}, {@code crop=seconds}, {@code gain=minDb:maxDb}, {@code reverb=minRt60:maxRt60};
     * the channel simulations {@code codec=mp3|opus|aac:minKbps:maxKbps} (a lossy codec round trip through
     * FFmpeg, {@link LossyCodec}), {@code telephone} or {@code telephone=linear|mulaw|alaw} (8 kHz, 300-3400 Hz,
     * optional G.711 companding, {@link Telephone}), {@code resample=rate[:rate...]} (down or up to one of the
     * rates and back, then 16 bits, {@link ResampleChain}) and {@code quantize=minBits:maxBits} (uniform
     * quantisation, {@link Quantize}); whole numbers where the argument is kbit/s, Hz or bits.
     * {@code @p} sets the probability (default 1). {@code none} or an empty string gives no augmentation;
     * {@code default} gives {@link #defaults}; {@code channel} gives {@link #channel} (one channel simulation per
     * clip).
     *
     * @param bank noise bank for {@code noise=real} (may be null otherwise)
     */
    public static AugmentationPipeline parse(String text, NoiseBank bank) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("none")) {
            return none();
        }
        if (trimmed.equalsIgnoreCase("default")) {
            return defaults(bank);
        }
        if (trimmed.equalsIgnoreCase("channel")) {
            return channel(bank);
        }
        List<Step> steps = new ArrayList<>();
        for (String part : trimmed.split(",")) {
            String item = part.trim();
            double probability = 1;
            int at = item.indexOf('@');
            if (at >= 0) {
                probability = number(item.substring(at + 1), item);
                item = item.substring(0, at);
            }
            int eq = item.indexOf('=');
            String name = (eq < 0 ? item : item.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String[] args = eq < 0 ? new String[0] : item.substring(eq + 1).trim().split(":");
            steps.add(new Step(augmentation(name, args, bank, part.trim()), probability));
        }
        return new AugmentationPipeline(steps);
    }

    private static WaveformAugmentation augmentation(String name, String[] args, NoiseBank bank, String item) {
        return switch (name) {
            case "noise" -> {
                if (args.length < 2) {
                    throw new IllegalArgumentException("'" + item + "': noise needs a type and an SNR, e.g. "
                            + "noise=pink:10:30");
                }
                NoiseType type;
                try {
                    type = NoiseType.valueOf(args[0].trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + item + "': noise type must be white, pink or real");
                }
                double[] r = range(args, 1, item);
                yield new AdditiveNoise(type, r[0], r[1], bank);
            }
            case "pitch" -> {
                double[] r = range(args, 0, item);
                yield new PitchShift(r[0], r[1]);
            }
            case "stretch" -> {
                double[] r = range(args, 0, item);
                yield new TimeStretch(r[0], r[1]);
            }
            case "shift" -> new TimeShift(range(args, 0, item)[1]);
            case "crop" -> new RandomCrop(range(args, 0, item)[1]);
            case "gain" -> {
                double[] r = range(args, 0, item);
                yield new Gain(r[0], r[1]);
            }
            case "reverb" -> {
                double[] r = range(args, 0, item);
                yield new Reverb(r[0], r[1]);
            }
            case "codec" -> {
                if (args.length < 2) {
                    throw new IllegalArgumentException("'" + item + "': codec needs a codec and a bitrate in "
                            + "kbit/s, e.g. codec=mp3:32:128");
                }
                CodecRoundTrip.Codec codec;
                try {
                    codec = CodecRoundTrip.Codec.parse(args[0]);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + item + "': codec must be mp3, opus or aac");
                }
                int[] r = wholeRange(args, 1, item);
                try {
                    yield new LossyCodec(codec, r[0], r[1]);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + item + "': " + e.getMessage(), e);
                }
            }
            case "telephone" -> {
                if (args.length > 1) {
                    throw new IllegalArgumentException("'" + item + "': telephone takes at most one argument, "
                            + "linear, mulaw or alaw");
                }
                try {
                    yield new Telephone(args.length == 0 ? Telephone.Law.LINEAR : Telephone.Law.parse(args[0]));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + item + "': telephone companding must be linear, mulaw "
                            + "or alaw");
                }
            }
            case "resample" -> {
                if (args.length == 0 || args[0].isBlank()) {
                    throw new IllegalArgumentException("'" + item + "': resample needs one or more rates in Hz, "
                            + "e.g. resample=8000:22050");
                }
                List<Integer> rates = new ArrayList<>();
                for (String a : args) {
                    int rate = whole(a, item);
                    if (rate <= 0) {
                        throw new IllegalArgumentException("'" + item + "': sample rates must be positive, got "
                                + rate);
                    }
                    rates.add(rate);
                }
                yield new ResampleChain(rates);
            }
            case "quantize" -> {
                int[] r = wholeRange(args, 0, item);
                try {
                    yield new Quantize(r[0], r[1]);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + item + "': " + e.getMessage(), e);
                }
            }
            default -> throw new IllegalArgumentException("'" + item + "': unknown augmentation '" + name
                    + "' (noise, pitch, stretch, shift, crop, gain, reverb, codec, telephone, resample, quantize;"
                    + " presets: default, channel)");
        };
    }

    /** A range lo:hi (or one value, lo = hi) of whole numbers. */
    private static int[] wholeRange(String[] args, int from, String item) {
        if (args.length <= from || args[from].isBlank()) {
            throw new IllegalArgumentException("'" + item + "': a value or a range lo:hi is missing");
        }
        if (args.length > from + 2) {
            throw new IllegalArgumentException("'" + item + "': expected a value or a range lo:hi, got "
                    + (args.length - from) + " values");
        }
        int lo = whole(args[from], item);
        int hi = args.length > from + 1 ? whole(args[from + 1], item) : lo;
        return new int[] {lo, hi};
    }

    private static int whole(String s, String item) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + item + "': '" + s.trim() + "' is not a whole number");
        }
    }

    private static double[] range(String[] args, int from, String item) {
        if (args.length <= from) {
            throw new IllegalArgumentException("'" + item + "': a value or a range lo:hi is missing");
        }
        double lo = number(args[from], item);
        double hi = args.length > from + 1 ? number(args[from + 1], item) : lo;
        return new double[] {lo, hi};
    }

    private static double number(String s, String item) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + item + "': '" + s.trim() + "' is not a number");
        }
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Step s : steps) {
            parts.add(s.augmentation() + "@" + s.probability());
        }
        return String.join(", ", parts);
    }
}
