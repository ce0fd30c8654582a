package org.ser4j.data.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ser4j.data.CorpusException;

/**
 * The small CSV dialect the label lists and CREMA-D's demographics use: comma-separated, fields optionally in
 * double quotes (a doubled quote inside is a quote), one record per line, blank lines and a UTF-8 BOM ignored.
 */
final class CsvLines {
    private CsvLines() {
    }

    /** Every non-blank line of {@code file}, split into trimmed fields. */
    static List<List<String>> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CorpusException(file.toString(), "file not found");
        } catch (IOException e) {
            throw new CorpusException(file.toString(), "cannot read CSV: " + e.getMessage(), e);
        }
        List<List<String>> records = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = i == 0 && lines.get(0).startsWith("\uFEFF") ? lines.get(0).substring(1) : lines.get(i);
            if (!line.isBlank()) {
                records.add(split(line, file, i + 1));
            }
        }
        return records;
    }

    static List<String> split(String line, Path file, int lineNumber) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString().trim());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new CorpusException(file + ":" + lineNumber, "unterminated quoted field");
        }
        fields.add(field.toString().trim());
        return fields;
    }
}
