package org.ser4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.Signal;
import org.ser4j.data.augment.AugmentCopies;
import org.ser4j.data.augment.AugmentationPipeline;
import org.ser4j.data.augment.NoiseBank;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ser4j augment}: writes augmented copies of clips (the training pipeline's steps) for listening. */
@Command(name = "augment", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write augmented copies of audio files as 16 kHz WAV, with augmentations.tsv saying what was "
            + "applied to each: the same seeded steps deep training applies on the fly."})
final class AugmentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--pipeline", defaultValue = "default", paramLabel = "STEPS",
            description = "default, or steps like 'noise=pink:10:30@0.3, pitch=-2:2@0.3, stretch=0.9:1.1, shift=0.1, "
                + "gain=-6:6, reverb=0.2:0.8@0.2' (noise types white, pink, real; real noise comes from the silent "
                + "stretches of the other inputs) (default: ${DEFAULT-VALUE}).")
    String pipeline;

    @Option(names = "--copies", defaultValue = "3", description = "Copies per input (default: ${DEFAULT-VALUE}).")
    int copies;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
    Path out;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Audio files or folders.")
    List<Path> inputs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (copies < 1 || copies > 1000) {
            throw new IllegalArgumentException("--copies must be between 1 and 1000");
        }
        List<Path> files = AudioInputs.expand(inputs);
        if (files.isEmpty()) {
            throw new UserException("no audio files found in " + inputs);
        }
        NoiseBank bank = null;
        if (pipeline.contains("real") || pipeline.equals("default")) {
            List<Signal> clips = new ArrayList<>();
            for (Path f : files) {
                clips.add(AudioReader.read(f, 16000));
            }
            bank = NoiseBank.fromSilences(clips);
        }
        List<AugmentCopies.Written> written = AugmentCopies.write(files, out,
                copies, AugmentationPipeline.parse(pipeline, bank), 16000, seed);
        spec.commandLine().getErr().printf("augment: %d file(s) written to %s (see augmentations.tsv)%n",
                written.size(), out);
        return 0;
    }
}
