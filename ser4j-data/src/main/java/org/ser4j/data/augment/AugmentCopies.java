package org.ser4j.data.augment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.Signal;
import org.ser4j.audio.WavWriter;

/**
 * Writes augmented copies of recordings for listening and inspection ({@code ser4j augment}): for each input
 * {@code name.ext}, {@code copies} files {@code name.aug1.wav}, {@code name.aug2.wav}, ... (16-bit WAV at the
 * given rate), plus {@code augmentations.tsv} listing what was applied to each. Copy j of input i is seeded with
 * {@code seed + 1000003 * i + j}, so a run is reproducible and each file's augmentation does not depend on the
 * others.
 */
public final class AugmentCopies {
    /** The file written and what was applied to it. */
    public record Written(Path source, Path file, List<String> applied) {
    }

    private AugmentCopies() {
    }

    /**
     * @param inputs     audio files (any format {@link AudioReader} reads)
     * @param outputDir  folder for the copies (created)
     * @param copies     copies per input (&ge; 1)
     * @param pipeline   what to apply
     * @param sampleRate rate the inputs are decoded at (and the copies written at)
     * @param seed       base seed
     */
    public static List<Written> write(List<Path> inputs, Path outputDir, int copies, AugmentationPipeline pipeline,
                                      int sampleRate, long seed) throws IOException {
        if (copies < 1) {
            throw new IllegalArgumentException("copies must be >= 1, got " + copies);
        }
        Files.createDirectories(outputDir);
        List<Written> written = new ArrayList<>();
        StringBuilder tsv = new StringBuilder("source\tcopy\tfile\taugmentations\n");
        for (int i = 0; i < inputs.size(); i++) {
            Path input = inputs.get(i);
            Signal signal = AudioReader.read(input, sampleRate);
            String base = input.getFileName().toString().replaceFirst("\\.[^.]+$", "");
            for (int j = 1; j <= copies; j++) {
                AugmentationPipeline.Result r = pipeline.apply(signal, seed + 1000003L * i + j);
                Path file = outputDir.resolve(base + ".aug" + j + ".wav");
                WavWriter.write(r.signal(), file);
                written.add(new Written(input, file, r.applied()));
                tsv.append(input).append('\t').append(j).append('\t').append(file.getFileName()).append('\t')
                        .append(r.applied().isEmpty() ? "none" : String.join("; ", r.applied())).append('\n');
            }
        }
        Files.writeString(outputDir.resolve("augmentations.tsv"), tsv.toString(), StandardCharsets.UTF_8);
        return written;
    }
}
