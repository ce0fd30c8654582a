package org.ser4j.models;

/**
 * A model bundle that cannot be read or used: not a bundle, damaged, from a newer format, or needing features this
 * build cannot compute. The message names the bundle and the problem, for one line on a user's screen.
 */
public class BundleException extends RuntimeException {
    private final String bundle;

    public BundleException(String bundle, String problem) {
        this(bundle, problem, null);
    }

    public BundleException(String bundle, String problem, Throwable cause) {
        super(bundle + ": " + problem, cause);
        this.bundle = bundle;
    }

    /** The bundle's file or resource name. */
    public String bundle() {
        return bundle;
    }
}
