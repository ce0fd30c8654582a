package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"predict", "features", "train", "evaluate", "adapt", "inspect", "bench"})
    void everySubcommandExplainsItself(String command) {
        Cli r = Cli.run(command, "--help");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("Usage: ser4j " + command), r.out());
        assertTrue(r.out().lines().count() > 5, "help should describe the options: " + r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--no-such-option", "nosuchcommand"})
    void badUsageIsExitTwoWithoutStackTrace(String arg) {
        Cli r = Cli.run(arg);
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void impossibleStreamLimitsAreAUsageErrorNamingTheOptions() {
        Cli r = Cli.run("serve", "--max-streams", "4", "--max-streams-per-client", "8", "--port", "0");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--max-streams-per-client (8)") && !r.err().contains("\tat "), r.err());
    }
}
