package org.ser4j.server.inference;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.ser4j.audio.Signal;
import org.ser4j.models.Prediction;
import org.ser4j.models.Predictor;
import org.ser4j.models.SegmentSource;
import org.ser4j.models.adaptation.Adaptation;
import org.ser4j.models.adaptation.GroupStatistics;
import org.ser4j.server.api.ApiException;
import org.ser4j.server.store.AdaptationSessions;

/**
 * Online adaptation to a client's session (a user's tab in the web page, a call, a participant): each clip with speech
 * a session sends is added to that session's statistics in the store, and every answer in the session is adapted to
 * what it has seen so far, itself included ({@link Adaptation}). Clips without speech (silence, noise) are answered
 * {@code no_speech} and never added, so they cannot skew the statistics. A session idle for longer than
 * {@code idle} starts afresh. Updates of one session are serialised, so two concurrent uploads both count.
 */
public final class SessionAdaptation {
    /** What a client may use as a session or speaker id: opaque, short, printable. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");
    /** Clips after which the adaptation reaches most of its gain (the web page's "3 of 5"). */
    public static final int CLIPS_FOR_FULL_EFFECT = 5;

    /** Whose session: the owner (API key id) and the session (and speaker, if the client named one). */
    public record Key(String owner, String session) {
    }

    private final Predictor predictor;
    private final Adaptation adaptation;
    private final AdaptationSessions store;
    private final Duration idle;
    private final Clock clock;
    private final Object[] locks = new Object[64];

    public SessionAdaptation(Predictor predictor, AdaptationSessions store, Duration idle, Clock clock) {
        this.predictor = predictor;
        this.adaptation = predictor.bundle().adaptation().orElseThrow(() -> new IllegalArgumentException(
                "model " + predictor.bundle().provenance().name() + " does not adapt"));
        if (adaptation.method() == Adaptation.Method.PLAIN) {
            throw new IllegalArgumentException("a model with plain per-speaker standardisation cannot answer a "
                    + "session's first clip; serve a relative one (train --adaptation relative)");
        }
        this.store = store;
        this.idle = idle;
        this.clock = clock;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * The key of a request's session, or null when it names none.
     *
     * @throws ApiException 400 for an id that is too long or holds other characters than letters, digits and
     *                      {@code . _ : @ -}
     */
    public static Key key(String owner, String session, String speaker) {
        if (session == null || session.isEmpty()) {
            if (speaker != null && !speaker.isEmpty()) {
                throw ApiException.badRequest("'speaker' needs a 'session'");
            }
            return null;
        }
        for (String id : speaker == null || speaker.isEmpty() ? new String[] {session}
                : new String[] {session, speaker}) {
            if (!ID.matcher(id).matches()) {
                throw ApiException.badRequest("a session or speaker id is 1 to 64 letters, digits or . _ : @ -");
            }
        }
        return new Key(owner, speaker == null || speaker.isEmpty() ? session : session + "/" + speaker);
    }

    /**
     * The answer for one recording of a session, and for its segments when {@code segments} is not null (adapted
     * alike); a recording with speech joins the session's statistics first.
     */
    public Prediction answer(Signal signal, SegmentSource segments, Key key) {
        return predictor.predict(signal, segments, clip -> add(clip, key), "session", key.session());
    }

    /** The session's statistics after adding the clip if it holds speech (null: no clip with speech yet). */
    private GroupStatistics add(Predictor.Clip clip, Key key) {
        synchronized (locks[Math.floorMod(key.hashCode(), locks.length)]) {
            Instant now = clock.instant();
            GroupStatistics statistics = store.find(key.owner(), key.session(), now.minus(idle))
                    .map(AdaptationSessions.Session::statistics).orElse(null);
            if (clip.speech()) {
                if (statistics == null || statistics.dimensions() != clip.features().length) {
                    statistics = new GroupStatistics(clip.features().length);
                }
                statistics.add(clip.features());
                store.save(key.owner(), key.session(), statistics, now);
            }
            return statistics;
        }
    }

    /** Forgets a session (the web page's "reset"); false if there was none. */
    public boolean reset(Key key) {
        return store.delete(key.owner(), key.session());
    }

    /** Clips with speech a session has seen (0 for an unknown or expired one). */
    public int clips(Key key) {
        return store.find(key.owner(), key.session(), clock.instant().minus(idle))
                .map(s -> s.statistics().clips()).orElse(0);
    }

    /** Deletes sessions idle for longer than the idle time; returns how many. */
    public int expireIdle() {
        return store.expire(clock.instant().minus(idle));
    }
}
