package org.ser4j.data.augment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import org.ser4j.audio.Companding;
import org.ser4j.audio.Resample;
import org.ser4j.audio.Signal;
import org.ser4j.dsp.Fir;

/**
 * A narrowband telephone channel: resample to 8 kHz (kaiser_fast), band-pass to the telephone band 300-3400 Hz,
 * optionally G.711 mu-law or A-law companding ({@link Companding}), and back to the clip's rate. Same length and
 * rate as the input; nothing is random, so the generator is not drawn from.
 *
 * <p>The band-pass is a linear-phase FIR of {@value #TAPS} taps at 8 kHz (Kaiser window, beta {@value #BETA}, about
 * 60 dB stop-band), applied centred so that the output is not delayed; its -6 dB points are 250 and 3450 Hz and
 * its transition bands about 100 Hz wide, so 300-3400 Hz pass within 0.1 dB while everything below 200 Hz and
 * above 3500 Hz is at least 55 dB down.
 *
 * @param law the companding law ({@link Law#LINEAR}: none)
 */
public record Telephone(Law law) implements WaveformAugmentation {
    /** The telephone channel's sample rate. */
    public static final int RATE = 8000;
    /** Band-pass length, in taps at 8 kHz. */
    public static final int TAPS = 301;
    /** Kaiser window parameter of the band-pass. */
    public static final double BETA = 5.65;
    /** The band-pass's -6 dB frequencies in Hz. */
    static final double LOW_CUT = 250;
    static final double HIGH_CUT = 3450;
    private static final double[] BAND_PASS = Fir.bandPass(LOW_CUT / RATE, HIGH_CUT / RATE, TAPS, BETA);

    /** G.711 companding, or none. */
    public enum Law {
        /** No companding. */
        LINEAR,
        /** G.711 mu-law (North America, Japan). */
        MULAW,
        /** G.711 A-law (Europe and most of the world). */
        ALAW;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The law named {@code id}: linear, mulaw or alaw (case-insensitive). */
        public static Law parse(String id) {
            String s = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
            for (Law l : values()) {
                if (l.id().equals(s)) {
                    return l;
                }
            }
            throw new IllegalArgumentException("unknown telephone companding '" + (id == null ? "" : id.trim())
                    + "' (linear, mulaw, alaw)");
        }
    }

    public Telephone {
        Objects.requireNonNull(law, "law");
    }

    /** A linear (uncompanded) telephone channel. */
    public Telephone() {
        this(Law.LINEAR);
    }

    @Override
    public String name() {
        return "telephone";
    }

    @Override
    public Applied apply(Signal signal, Random random) {
        int sr = signal.sampleRate();
        double[] narrow = Fir.filter(Resample.resample(signal.toDoubles(), sr, RATE, "kaiser_fast"), BAND_PASS);
        float[] f = new float[narrow.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) narrow[i];
        }
        f = switch (law) {
            case LINEAR -> f;
            case MULAW -> Companding.muLaw(f);
            case ALAW -> Companding.aLaw(f);
        };
        double[] back = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            back[i] = f[i];
        }
        back = Arrays.copyOf(Resample.resample(back, RATE, sr, "kaiser_fast"), signal.length());
        return new Applied(Signal.ofDoubles(back, sr, signal.source()), "telephone " + law.id());
    }
}
