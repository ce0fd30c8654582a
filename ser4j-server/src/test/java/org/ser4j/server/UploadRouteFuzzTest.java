package org.ser4j.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the multipart upload route {@code POST /api/v1/predictions} of a real server on loopback (docs/server.md,
 * "Fuzzing"): every multipart body is answered 201 with a prediction, or with a documented error status and a JSON
 * error body; never another 5xx than the documented 503 (overload, timeout), never without an answer within 60 s.
 *
 * <p>Input layout, so that seeds are readable multipart bodies: byte 0 holds flags (bit 0: {@code ?segments=true},
 * bit 1: the boundary is the next line, up to '\n', instead of {@value #BOUNDARY}); the rest is the body. Seeds in
 * UploadRouteFuzzTestInputs: a WAV and a FLAC upload, a form field before the file, no file, an unclosed body...
 */
class UploadRouteFuzzTest {
    static final String BOUNDARY = "ser4jfuzz";
    /** Every status the route documents (openapi.json), 503 being the only 5xx. */
    private static final Set<Integer> DOCUMENTED = Set.of(201, 400, 413, 415, 422, 503);

    @FuzzTest(maxDuration = "60s")
    @Timeout(60)
    void fuzzMultipartUpload(byte[] input) {
        int flags = input.length == 0 ? 0 : input[0];
        int bodyStart = Math.min(1, input.length);
        String boundary = BOUNDARY;
        if ((flags & 2) != 0) {
            int eol = bodyStart;
            while (eol < input.length && input[eol] != '\n') {
                eol++;
            }
            boundary = printable(new String(input, bodyStart, eol - bodyStart, StandardCharsets.ISO_8859_1));
            bodyStart = Math.min(eol + 1, input.length);
        }
        byte[] body = Arrays.copyOfRange(input, bodyStart, input.length);
        String path = "/api/v1/predictions" + ((flags & 1) != 0 ? "?segments=true" : "");

        Http.Answer answer = FuzzServer.http().postRaw(path, body, "multipart/form-data; boundary=" + boundary);

        assertTrue(DOCUMENTED.contains(answer.status()), answer.status() + ": " + answer.body());
        JsonNode json = answer.json();
        if (answer.status() == 201) {
            assertTrue(json.hasNonNull("id") && json.hasNonNull("emotion"), answer.body());
        } else {
            assertTrue(json.path("error").isTextual() && json.path("message").isTextual(), answer.body());
            assertFalse(json.path("error").asText().equals("internal_error"), answer.body());
        }
    }

    /** Header values may hold only printable ASCII (the client refuses others before sending). */
    private static String printable(String s) {
        return s.chars().filter(c -> c >= 0x20 && c < 0x7F).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                StringBuilder::append).toString();
    }
}
