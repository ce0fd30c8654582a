package org.ser4j.server.api;

import io.javalin.Javalin;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses requests addressed to a host name the server does not answer to (400 {@code bad_host}). A page on another
 * site can point its own name at 127.0.0.1 (DNS rebinding) and then read a loopback server as if it were same-site;
 * its requests still carry that name in {@code Host}, so checking the name defeats it. Registered before every
 * route and WebSocket upgrade; an empty allow-list accepts any name.
 */
public final class HostCheck {
    private final Set<String> allowed;

    /** @param allowed lower-case names without port ({@code ServerConfig.effectiveAllowedHosts}); empty: any */
    public HostCheck(Set<String> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    public void register(Javalin app) {
        app.before(ctx -> check(ctx.header("Host")));
        app.wsBeforeUpgrade(ctx -> check(ctx.header("Host")));
    }

    /** Throws 400 unless the Host header's name (its port aside) is allowed. */
    void check(String hostHeader) {
        if (allowed.isEmpty()) {
            return;
        }
        String name = nameOf(hostHeader);
        if (!allowed.contains(name)) {
            throw new ApiException(400, "bad_host", "this server answers to " + String.join(", ",
                    new TreeSet<>(allowed)) + ", not '" + name + "'; start it with --allowed-hosts to add a name");
        }
    }

    /** The host name of a Host header, lower case, without the port ({@code [::1]:8080} gives {@code [::1]}). */
    static String nameOf(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String h = hostHeader.strip().toLowerCase(Locale.ROOT);
        int close = h.lastIndexOf(']');
        int colon = h.lastIndexOf(':');
        return colon > close ? h.substring(0, colon) : h;
    }
}
