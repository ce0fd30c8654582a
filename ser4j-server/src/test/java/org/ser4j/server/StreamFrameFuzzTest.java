package org.ser4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the WebSocket stream {@code /api/v1/stream} over a real socket to a server on loopback (docs/server.md,
 * "Fuzzing"): any sequence of binary frames (PCM split anywhere, even inside a sample; NaN, infinities) and text
 * frames is answered only with JSON messages of the documented types, an error only for a text frame that is not
 * {@code end}; and {@code end} is always answered with the end message, whose count matches the speech segments
 * sent, and a normal close (1000) within 20 s. The socket, not just the decoding, is fuzzed, so that Jetty's frame
 * handling and the endpoint's session state are covered too.
 *
 * <p>Input layout: byte 0 holds the format (bit 0: f32le, else s16le) and the rate (bits 1-3, an index into
 * {@link #RATES}); then frames, each a 2-byte big-endian header (top bit: a text frame; 15 bits: its length) and
 * that many bytes. Seeds in StreamFrameFuzzTestInputs: a sine split at odd bytes, a float split inside a sample,
 * a text frame in between, empty frames, NaN and infinities.
 */
class StreamFrameFuzzTest {
    private static final int[] RATES = {8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000};
    /** Messages past which an input is cut short (each costs a round trip). */
    private static final int MAX_FRAMES = 32;

    @FuzzTest(maxDuration = "60s")
    @Timeout(30)
    void fuzzStreamFrames(byte[] input) throws Exception {
        int flags = input.length == 0 ? 0 : input[0] & 0xFF;
        String query = "sample_rate=" + RATES[(flags >> 1) & 7] + "&format=" + ((flags & 1) != 0 ? "f32le" : "s16le");
        List<JsonNode> messages = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket ws = FuzzServer.http().openStream(query, messages, closed).get(10, TimeUnit.SECONDS);
        int badTexts = 0;
        int at = 1;
        for (int frames = 0; at + 2 <= input.length && frames < MAX_FRAMES; frames++) {
            int header = ((input[at] & 0xFF) << 8) | (input[at + 1] & 0xFF);
            int length = Math.min(header & 0x7FFF, input.length - at - 2);
            at += 2;
            if ((header & 0x8000) != 0) {
                String text = new String(input, at, length, StandardCharsets.UTF_8);
                if (text.strip().equalsIgnoreCase("end")) {
                    break; // the stream's end is sent below, once
                }
                badTexts++;
                ws.sendText(text, true).get(5, TimeUnit.SECONDS);
            } else {
                ws.sendBinary(ByteBuffer.wrap(input, at, length), true).get(5, TimeUnit.SECONDS);
            }
            at += length;
        }
        ws.sendText("end", true).get(5, TimeUnit.SECONDS);
        assertEquals(1000, closed.get(20, TimeUnit.SECONDS), messages.toString());

        int speech = 0;
        int errors = 0;
        double previousEnd = 0;
        for (JsonNode m : messages.subList(0, messages.size() - 1)) {
            String type = m.path("type").asText();
            if (type.equals("error")) {
                assertEquals("bad_message", m.path("error").asText(), m.toString());
                errors++;
                continue;
            }
            assertEquals("segment", type, m.toString());
            double start = m.path("start_s").asDouble(-1);
            double end = m.path("end_s").asDouble(-1);
            assertTrue(start >= previousEnd - 1e-9 && end >= start, messages.toString());
            previousEnd = end;
            speech += m.path("speech").asBoolean() ? 1 : 0;
        }
        assertEquals(badTexts, errors, messages.toString());
        JsonNode last = messages.get(messages.size() - 1);
        assertEquals("end", last.path("type").asText(), messages.toString());
        assertEquals(speech, last.path("segments").asInt(-1), messages.toString());
    }
}
