package org.ser4j.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.ser4j.server.inference.AudioPlots;
import org.ser4j.server.inference.InferenceService;

/**
 * {@code POST /api/v1/plots?width=N}: the waveform envelope and log-mel spectrogram of an upload (raw body or
 * multipart, like a prediction), for the web page to draw. Nothing is stored. With API keys on it needs one, like
 * every route that is not explicitly open ({@link ApiKeyCheck}): it costs as much as a prediction.
 */
public final class PlotRoutes {
    static final int DEFAULT_WIDTH = 600;
    static final int MAX_WIDTH = 2000;

    private final InferenceService inference;
    private final long maxUploadBytes;

    public PlotRoutes(InferenceService inference, long maxUploadBytes) {
        this.inference = inference;
        this.maxUploadBytes = maxUploadBytes;
    }

    public void register(Javalin app) {
        app.post("/api/v1/plots", this::plots);
    }

    void plots(Context ctx) {
        int width = PredictionRoutes.intParam(ctx, "width", DEFAULT_WIDTH, 1, MAX_WIDTH);
        Upload upload = Upload.read(ctx, maxUploadBytes);
        AudioPlots plots = inference.computeUpload(upload.bytes(), upload.fileName(), s -> AudioPlots.of(s, width));
        ctx.json(toJson(plots));
    }

    /**
     * {@code {"duration_s", "sample_rate", "waveform": {"min": [...], "max": [...]}, "spectrogram": {"n_mels",
     * "fmax_hz", "seconds_per_column", "db": [[band 0 (lowest) per column...], ...]}}}; samples to 4 decimals, dB to
     * whole numbers (plenty for a picture, and a third of the bytes).
     */
    static ObjectNode toJson(AudioPlots p) {
        ObjectNode out = ApiJson.MAPPER.createObjectNode();
        out.put("duration_s", p.durationS());
        out.put("sample_rate", p.sampleRate());
        ObjectNode wave = out.putObject("waveform");
        ArrayNode min = wave.putArray("min");
        ArrayNode max = wave.putArray("max");
        for (int i = 0; i < p.waveMin().length; i++) {
            min.add(Math.round(p.waveMin()[i] * 1e4) / 1e4);
            max.add(Math.round(p.waveMax()[i] * 1e4) / 1e4);
        }
        ObjectNode spec = out.putObject("spectrogram");
        spec.put("n_mels", p.melDb().length);
        spec.put("fmax_hz", p.fmax());
        spec.put("seconds_per_column", p.secondsPerColumn());
        ArrayNode bands = spec.putArray("db");
        for (double[] band : p.melDb()) {
            ArrayNode row = bands.addArray();
            for (double v : band) {
                row.add(Math.round(v));
            }
        }
        return out;
    }
}
