package org.ser4j.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.ser4j.BuildInfo;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.adaptation.Adaptation;
import org.ser4j.server.ServerConfig;
import org.ser4j.server.inference.SessionAdaptation;
import org.ser4j.server.metrics.ServerMetrics;
import org.ser4j.server.metrics.TrainingDistribution;
import org.ser4j.server.store.Database;

/**
 * {@code /health}, {@code /metrics}, {@code /api/v1/model}, {@code /api/v1/server} and {@code /api/v1/openapi.json}.
 */
public final class InfoRoutes {
    private final ServerConfig config;
    private final ModelBundle model;
    private final TrainingDistribution training;
    private final Database db;
    private final ServerMetrics metrics;
    private final byte[] openApi;

    public InfoRoutes(ServerConfig config, TrainingDistribution training, Database db, ServerMetrics metrics) {
        this.config = config;
        this.model = config.model();
        this.training = training;
        this.db = db;
        this.metrics = metrics;
        this.openApi = resource("/org/ser4j/server/openapi.json");
    }

    public void register(Javalin app) {
        app.get("/health", this::health);
        app.get("/metrics", this::metrics);
        app.get("/api/v1/model", this::model);
        app.get("/api/v1/server", this::server);
        app.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    }

    /** Liveness (it answers) and readiness (model loaded, database reachable): 200 when ready, else 503. */
    void health(Context ctx) {
        boolean dbUp = db.reachable(2);
        ObjectNode out = ApiJson.MAPPER.createObjectNode();
        out.put("status", dbUp ? "ok" : "unavailable");
        out.put("live", true);
        out.put("ready", dbUp);
        out.put("model_loaded", true);
        out.put("model", model.provenance().name() + " " + model.provenance().version());
        out.put("database", dbUp ? "reachable" : "unreachable");
        out.put("database_kind", db.dialect().name().toLowerCase());
        ctx.status(dbUp ? 200 : 503).json(out);
    }

    void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    /**
     * What this server keeps and accepts, for the About page's privacy section and for clients: the database kind,
     * whether uploaded audio is stored and for how long, whether API keys are required, and the upload limits.
     */
    void server(Context ctx) {
        ObjectNode out = ApiJson.MAPPER.createObjectNode();
        out.put("ser4j_version", BuildInfo.version());
        out.put("database_kind", db.dialect().name().toLowerCase());
        out.put("stores_audio", config.storeAudio());
        if (config.storeAudio()) {
            out.put("audio_retention_days", config.audioRetention().toDays());
        } else {
            out.putNull("audio_retention_days");
        }
        out.put("api_keys_required", config.requireApiKeys());
        out.put("max_upload_bytes", config.maxUploadBytes());
        out.put("max_audio_seconds", config.maxAudioSeconds());
        ctx.json(out);
    }

    /** The bundle's classes, feature spec, provenance, evaluation and the training distribution used for drift. */
    void model(Context ctx) {
        ObjectNode out = ApiJson.MAPPER.createObjectNode();
        out.put("name", model.provenance().name());
        out.put("version", model.provenance().version());
        out.set("classes", ApiJson.MAPPER.valueToTree(model.classes()));
        out.set("feature_spec", ApiJson.MAPPER.valueToTree(model.featureSpec()));
        out.put("temperature", model.temperature());
        // Whether uploads and streams may name a 'session' to be answered adapted to it.
        out.put("adapts", model.adaptation().map(a -> a.method() == Adaptation.Method.RELATIVE).orElse(false));
        out.put("clips_for_full_effect", SessionAdaptation.CLIPS_FOR_FULL_EFFECT);
        out.set("provenance", ApiJson.MAPPER.valueToTree(model.provenance()));
        // The cross-validated evaluation saved in the bundle (metrics, per class, confusion matrix), or null.
        out.set("evaluation", ApiJson.MAPPER.valueToTree(model.evaluation().orElse(null)));
        ObjectNode dist = out.putObject("training_distribution");
        dist.put("source", training.source());
        ObjectNode shares = dist.putObject("shares");
        for (int c = 0; c < training.classes().size(); c++) {
            shares.put(training.classes().get(c), training.shares()[c]);
        }
        ctx.json(out);
    }

    private static byte[] resource(String name) {
        try (InputStream in = InfoRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
