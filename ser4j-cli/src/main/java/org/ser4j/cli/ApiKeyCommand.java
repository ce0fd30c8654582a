package org.ser4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ser4j.server.ApiKeyAdmin;
import org.ser4j.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ser4j apikey create|list|revoke}: API keys for {@code ser4j serve --api-keys} (stored hashed). */
@Command(name = "apikey", mixinStandardHelpOptions = true, description = "Manage API keys of 'ser4j serve --api-keys'.",
        subcommands = {ApiKeyCommand.Create.class, ApiKeyCommand.ListKeys.class, ApiKeyCommand.Revoke.class})
final class ApiKeyCommand {
    @Option(names = "--data-dir", paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The server's data directory (default: SER4J_HOME_DATA or ~/.ser4j).")
    Path dataDir;

    @Option(names = "--db", paramLabel = "JDBC_URL", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The server's database (default: SQLite in the data directory).")
    String db;

    Path dir() {
        return dataDir != null ? dataDir : ServerConfig.defaultDataDir();
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a key and print it once (only its hash is stored).")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        ApiKeyCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "Who or what the key is for.")
        String name;

        @Override
        public Integer call() {
            var key = ApiKeyAdmin.create(parent.dir(), parent.db, name);
            PrintWriter out = spec.commandLine().getOut();
            out.println(key.key());
            spec.commandLine().getErr().printf("api key '%s' created (id %s); it is shown only this once%n",
                    key.name(), key.id());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (ids and names, never the keys).")
    static final class ListKeys implements Callable<Integer> {
        @ParentCommand
        ApiKeyCommand parent;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ApiKeyAdmin.list(parent.dir(), parent.db).forEach(k -> spec.commandLine().getOut().println(k));
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key by id.")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand
        ApiKeyCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            if (!ApiKeyAdmin.revoke(parent.dir(), parent.db, id)) {
                throw new UserException("no api key with id " + id);
            }
            spec.commandLine().getErr().println("api key " + id + " revoked");
            return 0;
        }
    }
}
