package org.ser4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ser4j.server.ServerConfig.OpenRoute;

/** Which monitoring routes stay open with API keys on, by default and as configured (no server needed). */
class ServerConfigTest {
    private final ServerConfig defaults = ServerConfig.defaults(TestModel.bundle());

    @Test
    void loopbackAddressesAreTold() {
        for (String host : new String[] {"127.0.0.1", "127.0.1.1", "::1", "localhost"}) {
            assertTrue(ServerConfig.isLoopback(host), host);
        }
        for (String host : new String[] {"0.0.0.0", "::", "192.0.2.10", "2001:db8::1"}) {
            assertFalse(ServerConfig.isLoopback(host), host);
        }
    }

    @Test
    void healthAndMetricsAreOpenByDefaultOnlyOnLoopback() {
        assertEquals(Set.of(OpenRoute.HEALTH, OpenRoute.METRICS), defaults.effectiveOpenRoutes(), "127.0.0.1");
        assertEquals(Set.of(OpenRoute.HEALTH, OpenRoute.METRICS), defaults.withHost("::1").effectiveOpenRoutes());
        assertEquals(Set.of(), defaults.withHost("0.0.0.0").effectiveOpenRoutes());
        assertEquals(Set.of(), defaults.withHost("192.0.2.10").effectiveOpenRoutes());
    }

    @Test
    void aConfiguredListWinsOverTheDefaultEitherWay() {
        assertEquals(Set.of(OpenRoute.HEALTH), defaults.withHost("0.0.0.0")
                .withOpenRoutes(OpenRoute.parseList("health")).effectiveOpenRoutes());
        assertEquals(Set.of(), defaults.withOpenRoutes(OpenRoute.parseList("none")).effectiveOpenRoutes());
        assertEquals(Set.of(OpenRoute.HEALTH, OpenRoute.METRICS), OpenRoute.parseList(" Metrics, health"));
        assertEquals(Set.of(OpenRoute.HEALTH, OpenRoute.METRICS), defaults.withHost("0.0.0.0")
                .withOpenRoutes(Set.of(OpenRoute.METRICS)).withOpenRoutes(null).withHost("localhost")
                .effectiveOpenRoutes(), "null goes back to the default");
        assertThrows(IllegalArgumentException.class, () -> OpenRoute.parseList("health,predictions"));
    }
}
