package org.ser4j.spark;

import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.ser4j.audio.AudioException;

/** Small helpers the jobs share for working through a partition's clips. */
final class Clips {
    private Clips() {
    }

    /** Each input's output rows, one input at a time (a partition is never held in memory whole). */
    static <I, O> Iterator<O> flatMapLazily(Iterator<I> inputs, Function<I, List<O>> rowsOf) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(inputs, Spliterator.ORDERED), false)
                .flatMap(input -> rowsOf.apply(input).stream()).iterator();
    }

    /**
     * The error column's text for a clip that failed: the decoder's message as is (it names the file and the
     * problem, as the CLI prints it); any other failure (e.g. a feature extractor rejecting a 10 ms clip) prefixed
     * with the path and the exception's type, so one odd file never fails the job and is still findable.
     */
    static String errorMessage(String path, RuntimeException e) {
        if (e instanceof AudioException) {
            return e.getMessage();
        }
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return path + ": " + e.getClass().getSimpleName() + message;
    }
}
