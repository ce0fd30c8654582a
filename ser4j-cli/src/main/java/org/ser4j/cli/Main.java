package org.ser4j.cli;

import java.io.PrintWriter;
import org.ser4j.audio.AudioException;
import org.ser4j.data.DataException;
import org.ser4j.models.BundleException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code ser4j} command. Each subcommand is a small class in this package; the work itself lives in the
 * library modules. Errors a user can cause (bad audio, bad arguments, missing files) print one line on stderr
 * and exit non-zero; a stack trace appears only with {@code --verbose}.
 */
@Command(name = "ser4j", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Speech emotion recognition for the JVM: predict how something was said.",
        subcommands = {PredictCommand.class, FeaturesCommand.class, TrainCommand.class, EvaluateCommand.class,
                AdaptCommand.class,
                InspectCommand.class, ServeCommand.class, ApiKeyCommand.class, AugmentCommand.class, BenchCommand.class, SelfTestCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
                "  ser4j predict clip.wav",
                "  ser4j predict --segments --format table long-call.mp3",
                "  ser4j features --set egemaps --format csv --out feats/ clips/",
                "  ser4j train --data ../shared/datasets/emodb --labels emodb --protocol loso --out emodb.ser4j",
                "  ser4j evaluate --data ../shared/datasets/emodb --json eval.json --report eval.html",
                "  ser4j inspect default",
                "", "Exit codes: 0 ok, 1 an input failed (each reported on stderr), 2 bad usage, 3 internal error."})
public final class Main {
    /** Exit codes: 0 ok, 1 some inputs failed, 2 bad usage, 3 internal error. */
    static final int EXIT_INPUT_ERROR = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_INTERNAL = 3;

    @Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces and debug details on errors.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI on the process's stdout/stderr and returns the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the CLI with the given output streams (tests call this) and returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> report(ex, cmd.getErr(), main.verbose));
        int code;
        try {
            code = cl.execute(args);
        } catch (Throwable t) { // what picocli lets through: OutOfMemoryError, StackOverflowError, a native failure
            code = report(t, err, main.verbose);
        }
        out.flush();
        err.flush();
        return code;
    }

    /** Maps an exception or error to one line on stderr and an exit code. */
    static int report(Throwable ex, PrintWriter err, boolean verbose) {
        if (verbose) {
            ex.printStackTrace(err);
        }
        for (Throwable c = ex; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError) { // also when a worker thread ran out and its task reported it
                err.printf("error: out of memory (Java heap limit %d MB); give ser4j more, e.g. "
                        + "SER4J_JAVA_OPTS=-Xmx4g%n", Runtime.getRuntime().maxMemory() >> 20);
                return EXIT_INTERNAL;
            }
        }
        if (ex instanceof AudioException || ex instanceof UserException || ex instanceof BundleException
                || ex instanceof DataException) {
            err.println("error: " + ex.getMessage());
            return EXIT_INPUT_ERROR;
        }
        if (ex instanceof IllegalArgumentException) {
            err.println("error: " + ex.getMessage());
            return EXIT_USAGE;
        }
        if (ex instanceof java.nio.file.NoSuchFileException nsf) {
            err.println("error: no such file: " + nsf.getFile());
            return EXIT_INPUT_ERROR;
        }
        if (ex instanceof java.io.IOException) {
            err.println("error: " + ex.getMessage());
            return EXIT_INPUT_ERROR;
        }
        String what = ex instanceof StackOverflowError ? "stack overflow" : String.valueOf(ex);
        err.println("internal error: " + what + (verbose ? "" : " (run with --verbose for details)"));
        return EXIT_INTERNAL;
    }
}
