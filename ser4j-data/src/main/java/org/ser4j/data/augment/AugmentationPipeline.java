package org.ser4j.data.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.ser4j.audio.Signal;

/**
 * Waveform augmentations applied in order, each with its own probability. Every choice (whether a step runs and
 * the values it draws) comes from the caller's {@link Random}, so {@link #apply(Signal, long)} with the same seed
 * always gives the same samples. Immutable and thread-safe.
 *
 * <p>A pipeline can be written as text, e.g.
 * {@code noise=white:5:30@0.5, pitch=-2:2@0.5, stretch=0.9:1.1@0.3, shift=0.1, gain=-6:6, reverb=0.2:0.8@0.3}:
 * comma-separated {@code name=arguments[@probability]} with colon-separated arguments (see {@link #parse}).
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
     * {@code @p} sets the probability (default 1). {@code none} or an empty string gives no augmentation;
     * {@code default} gives {@link #defaults}.
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
            default -> throw new IllegalArgumentException("'" + item + "': unknown augmentation '" + name
                    + "' (noise, pitch, stretch, shift, crop, gain, reverb)");
        };
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
