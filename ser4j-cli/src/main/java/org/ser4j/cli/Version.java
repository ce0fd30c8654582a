package org.ser4j.cli;

import org.ser4j.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** Prints the ser4j version and commit. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"ser4j " + BuildInfo.version() + " (" + BuildInfo.commit() + ")",
            "Java " + System.getProperty("java.version")};
    }
}
