package org.ser4j.data.augment;

import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import org.ser4j.audio.CodecRoundTrip;
import org.ser4j.audio.Signal;

/**
 * A lossy codec round trip ({@link CodecRoundTrip}): the clip as it sounds after an MP3, Opus or AAC file or
 * stream, at a bitrate drawn uniformly (whole kbit/s) from [minKbps, maxKbps]. Same length, rate and timing as the
 * input. Needs the codec's encoder in the FFmpeg build; the constructor refuses a codec the build lacks.
 *
 * @param codec   mp3, opus or aac
 * @param minKbps lowest bitrate in kbit/s
 * @param maxKbps highest bitrate in kbit/s
 */
public record LossyCodec(CodecRoundTrip.Codec codec, int minKbps, int maxKbps) implements WaveformAugmentation {
    public LossyCodec {
        Objects.requireNonNull(codec, "codec");
        if (!(minKbps >= 1 && minKbps <= maxKbps && maxKbps <= CodecRoundTrip.MAX_KBPS)) {
            throw new IllegalArgumentException("codec bitrates must satisfy 1 <= min <= max <= "
                    + CodecRoundTrip.MAX_KBPS + " kbit/s, got " + minKbps + ".." + maxKbps);
        }
        if (!codec.available()) {
            throw new IllegalArgumentException("this FFmpeg build has no " + codec.encoderName() + " encoder, so "
                    + "the " + codec.id() + " codec augmentation is not available");
        }
    }

    @Override
    public String name() {
        return "codec";
    }

    @Override
    public Applied apply(Signal signal, Random random) {
        int kbps = minKbps + random.nextInt(maxKbps - minKbps + 1);
        return new Applied(CodecRoundTrip.roundTrip(signal, codec, kbps),
                String.format(Locale.ROOT, "codec %s %d kbit/s", codec.id(), kbps));
    }
}
