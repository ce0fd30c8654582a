package org.ser4j.server.api;

/**
 * An error answered to the client as {@code {"error": code, "message": text}} with an HTTP status. The message
 * is written for the client: it names what was wrong and, where it helps, what to do.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** A short machine-readable code, e.g. {@code payload_too_large}. */
    public String code() {
        return code;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public static ApiException tooLarge(long limitBytes) {
        return new ApiException(413, "payload_too_large", "the request body is larger than the limit of "
                + limitBytes + " bytes");
    }

    public static ApiException overloaded() {
        return new ApiException(503, "overloaded", "the server is busy with other predictions; retry shortly");
    }
}
