package org.ser4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.ser4j.io.SharedPaths;

/**
 * A small real corpus for CLI tests: the EMO-DB clips of some speakers, listed in a user CSV
 * ({@code path,label,speaker,gender}) so the CSV loader is exercised too. Labels come from EMO-DB's documented
 * file-name letter (W anger, L boredom, E disgust, A fear, F happiness, T sadness, N neutral).
 */
final class EmoDbSubset {
    private static final Set<String> MALE = Set.of("03", "10", "11", "12", "15");

    private EmoDbSubset() {
    }

    static Path csv(Path dir, String name, Set<String> speakers) throws IOException {
        List<String> rows = new ArrayList<>(List.of("path,label,speaker,gender"));
        try (Stream<Path> files = Files.list(SharedPaths.datasets().resolve("emodb/wav"))) {
            files.sorted().forEach(f -> {
                String n = f.getFileName().toString();
                String speaker = n.substring(0, 2);
                if (speakers.contains(speaker)) {
                    rows.add(f + "," + label(n.charAt(5)) + "," + speaker + ","
                            + (MALE.contains(speaker) ? "male" : "female"));
                }
            });
        }
        Path csv = dir.resolve(name + ".csv");
        Files.write(csv, rows);
        return csv;
    }

    private static String label(char letter) {
        return switch (letter) {
            case 'W' -> "angry";
            case 'L' -> "boredom";
            case 'E' -> "disgust";
            case 'A' -> "fearful";
            case 'F' -> "happy";
            case 'T' -> "sad";
            default -> "neutral";
        };
    }
}
