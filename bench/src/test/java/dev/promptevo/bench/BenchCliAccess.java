package dev.promptevo.bench;

/** Runs the command line in-process for tests in other packages. */
public final class BenchCliAccess {
    private BenchCliAccess() {}

    public static int execute(String... args) {
        return BenchCli.commandLine().execute(args);
    }
}
