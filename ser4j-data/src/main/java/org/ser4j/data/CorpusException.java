package org.ser4j.data;

/** A corpus folder or list that cannot be read: missing, unrecognised layout, no files, malformed CSV. */
public class CorpusException extends DataException {
    public CorpusException(String input, String problem) {
        super(input, problem);
    }

    public CorpusException(String input, String problem, Throwable cause) {
        super(input, problem, cause);
    }
}
