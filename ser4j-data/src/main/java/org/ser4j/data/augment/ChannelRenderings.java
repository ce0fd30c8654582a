package org.ser4j.data.augment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fixed channels a model's robustness is measured on ({@code train --robustness}): every held-out clip is
 * rendered through each and predicted again. Each is an {@link AugmentationPipeline} text with fixed values, so the
 * rendering of a clip never changes between runs. Renderings that need another container than a waveform (stereo,
 * float files, WebM) are what the invariance suite covers with real files; these are the channel effects.
 */
public final class ChannelRenderings {
    /** Name → pipeline, in the order reports list them. */
    public static final Map<String, String> STANDARD = standard();

    private ChannelRenderings() {
    }

    private static Map<String, String> standard() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("44.1 kHz 16-bit", "resample=44100");
        m.put("22.05 kHz 16-bit", "resample=22050");
        m.put("-12 dB, 16-bit", "gain=-12, quantize=16");
        m.put("+12 dB", "gain=12");
        m.put("MP3 128 kbit/s", "codec=mp3:128");
        m.put("MP3 32 kbit/s", "codec=mp3:32");
        m.put("Opus 32 kbit/s", "codec=opus:32");
        m.put("AAC 96 kbit/s", "codec=aac:96");
        m.put("telephone 8 kHz mu-law", "telephone=mulaw");
        m.put("pink noise, 20 dB SNR", "noise=pink:20");
        m.put("room reverb, RT60 0.4 s", "reverb=0.4");
        return java.util.Collections.unmodifiableMap(m);
    }
}
