package org.ser4j.data;

/** A label map that is malformed or inconsistent (unknown emotion, fold onto an excluded emotion, ...). */
public class LabelMapException extends DataException {
    public LabelMapException(String input, String problem) {
        super(input, problem);
    }
}
