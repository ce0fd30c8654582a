package org.ser4j.data.table;

import org.ser4j.data.Utterance;

/**
 * A file a feature table could not use, and why (the decoder's or extractor's message).
 *
 * @param index     the utterance's position in the list given to the builder
 * @param utterance the utterance
 * @param message   what went wrong, naming the file
 */
public record ExtractionFailure(int index, Utterance utterance, String message) {
    @Override
    public String toString() {
        return message;
    }
}
