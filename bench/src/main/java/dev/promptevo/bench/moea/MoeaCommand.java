package dev.promptevo.bench.moea;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code moea}: PromptEvo's NSGA-II against jMetal's on ZDT1-4, ZDT6 and DTLZ2. */
@Command(
        name = "moea",
        mixinStandardHelpOptions = true,
        description = {
            "Runs PromptEvo's NSGA-II and jMetal's side by side on real-valued test problems and compares"
                    + " their hypervolume and wall time.",
            "Prints a table and writes the numbers as JSON."
        })
public final class MoeaCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "The JSON file to write.")
    Path out;

    @Option(
            names = "--seeds",
            defaultValue = "31",
            description = "Runs per algorithm and problem (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(
            names = "--evaluations",
            defaultValue = "25000",
            description = "Evaluations per run (default ${DEFAULT-VALUE}).")
    int evaluations;

    @Option(names = "--population", defaultValue = "100", description = "Population size (default ${DEFAULT-VALUE}).")
    int population;

    @Option(
            names = "--warmup",
            defaultValue = "3",
            description = "Discarded runs per algorithm and problem before measuring (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--separate-operators",
            description = "Breed PromptEvo's children with the SBX and polynomial mutation operators one after"
                    + " the other instead of the fused real-coded variation (same children, more genomes built).")
    boolean separateOperators;

    @Option(
            names = "--problems",
            split = ",",
            defaultValue = "ZDT1,ZDT2,ZDT3,ZDT4,ZDT6,DTLZ2",
            description = "Problems to run, comma-separated (default ${DEFAULT-VALUE}).")
    List<String> problems;

    @Override
    public Integer call() throws Exception {
        MoeaBenchmark.Settings settings = new MoeaBenchmark.Settings(
                problems.stream().map(MoeaProblem::named).toList(),
                seeds,
                evaluations,
                population,
                warmup,
                !separateOperators);
        MoeaReport report = new MoeaBenchmark(settings, line -> System.err.println(line)).run();
        System.out.print(report.table());
        report.write(out);
        System.err.println("wrote " + out);
        return 0;
    }
}
