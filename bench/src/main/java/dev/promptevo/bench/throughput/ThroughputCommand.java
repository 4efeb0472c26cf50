package dev.promptevo.bench.throughput;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code throughput}: calls per second at a fixed simulated latency, against the bound C/L. */
@Command(
        name = "throughput",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the engine on the simulated backend at a fixed latency L with a concurrency limit C and"
                    + " measures calls per second against the bound C/L, and the process's CPU time per call.",
            "Prints a table and writes the numbers as JSON."
        })
public final class ThroughputCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "The JSON file to write.")
    Path out;

    @Option(
            names = "--task",
            defaultValue = "examples/ticket-triage",
            description = "The task directory (default ${DEFAULT-VALUE}).")
    Path task;

    @Option(
            names = "--latency-ms",
            defaultValue = "50",
            description = "The simulated latency of every call, in ms (default ${DEFAULT-VALUE}).")
    double latencyMs;

    @Option(
            names = "--concurrency",
            defaultValue = "16",
            description = "The engine's limit on evaluations in flight (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
            names = "--evaluations",
            defaultValue = "4000",
            description = "About this many evaluations per measured run (default ${DEFAULT-VALUE}).")
    int evaluations;

    @Option(
            names = "--population",
            defaultValue = "8",
            description = "Candidates per generation; the generations follow from --evaluations"
                    + " (default ${DEFAULT-VALUE}).")
    int population;

    @Option(names = "--repeats", defaultValue = "5", description = "Measured runs (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(
            names = "--examples",
            defaultValue = "0",
            description = "Use only the first this many examples of the dataset; 0 for all (default ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = "--seed", defaultValue = "42", description = "The runs' seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        ThroughputBenchmark.Settings settings = new ThroughputBenchmark.Settings(
                task, latencyMs, concurrency, evaluations, population, repeats, examples, seed);
        ThroughputReport report = new ThroughputBenchmark(settings, line -> System.err.println(line)).run();
        System.out.print(report.table());
        report.write(out);
        System.err.println("wrote " + out);
        return 0;
    }
}
