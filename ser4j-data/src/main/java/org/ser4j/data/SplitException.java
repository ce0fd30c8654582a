package org.ser4j.data;

/** A protocol that cannot be applied to the given utterances (too few speakers, unknown speaker or corpus, ...). */
public class SplitException extends DataException {
    public SplitException(String input, String problem) {
        super(input, problem);
    }
}
