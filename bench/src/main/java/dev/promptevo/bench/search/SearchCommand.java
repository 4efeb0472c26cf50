package dev.promptevo.bench.search;

import dev.promptevo.engine.task.TaskBundle;
import dev.promptevo.engine.task.TaskLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code search}: sample efficiency of PromptEvo against random search and the greedy loop, scored by the simulator's truth. */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "On the simulated example task, enumerates a discretized search space for the true optimum and"
                    + " Pareto front, then runs each strategy over seeds within a call budget and reports the"
                    + " calls to reach 95%% of the optimum and the found front's hypervolume ratio.",
            "Prints a table and writes the numbers as JSON."
        })
public final class SearchCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "The JSON file to write.")
    Path out;

    @Option(names = "--seeds", defaultValue = "20", description = "Runs per strategy (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(
            names = "--first-seed",
            defaultValue = "1",
            description = "Seeds run are first-seed .. first-seed + seeds - 1 (default ${DEFAULT-VALUE}); other"
                    + " seeds than the reported ones are for trying changes out.")
    long firstSeed = 1;

    @Option(
            names = "--budget-calls",
            defaultValue = "60000",
            description = "Model calls per run, every strategy alike (default ${DEFAULT-VALUE}).")
    long budgetCalls;

    @Option(
            names = "--task",
            description = "The simulated task directory (default: examples/ticket-triage, looked up from the"
                    + " working directory and its parent).")
    Path task;

    @Option(
            names = "--strategies",
            split = ",",
            defaultValue = "promptevo,promptevo-no-early-rejection,promptevo-until-budget,"
                    + "promptevo-no-early-rejection-until-budget,promptevo-pareto,random-search,"
                    + "greedy-current-system",
            description = "Strategies to run, comma-separated (default ${DEFAULT-VALUE}; also"
                    + " promptevo-pareto-12-generations).")
    List<String> strategies;

    @Option(
            names = "--greedy-threshold",
            defaultValue = "0.01",
            description = "The greedy loop keeps a change beating the current composite by more than this"
                    + " (default ${DEFAULT-VALUE}).")
    double greedyThreshold;

    @Option(names = "--threads", description = "Seeds run in parallel (default: the available processors).")
    Integer threads;

    @Option(
            names = "--temperatures",
            split = ",",
            defaultValue = "0,0.5",
            description = "The grid's temperatures (default ${DEFAULT-VALUE}; the full grid: 0,0.25,0.5,1.0).")
    List<Double> temperatures;

    @Option(
            names = "--max-tokens",
            split = ",",
            defaultValue = "256,512",
            description =
                    "The grid's max_tokens values (default ${DEFAULT-VALUE}; the full grid: 128,256,384,512,768).")
    List<Integer> maxTokens;

    @Option(
            names = "--topks",
            split = ",",
            defaultValue = "0,3",
            description = "The grid's retriever_topk values (default ${DEFAULT-VALUE}; the full grid: 0,1,3,5).")
    List<Integer> topKs;

    /** For tests: a grid given whole (overrides the grid options). */
    SearchBenchmark.Grid grid;

    @Override
    public Integer call() throws Exception {
        TaskBundle bundle = TaskLoader.load(taskDirectory());
        SearchBenchmark.Grid g = grid != null
                ? grid
                : new SearchBenchmark.Grid(
                        temperatures,
                        maxTokens,
                        topKs,
                        List.of(false, true),
                        SearchBenchmark.Grid.allSubsets(
                                SearchBenchmark.Grid.principleIds(SearchTruth.parameters(bundle))));
        SearchBenchmark.Settings settings = new SearchBenchmark.Settings(
                bundle,
                g,
                strategies,
                seeds,
                firstSeed,
                budgetCalls,
                0.95,
                greedyThreshold,
                threads != null ? threads : Runtime.getRuntime().availableProcessors());
        SearchReport report = new SearchBenchmark(settings, line -> System.err.println(line)).run();
        System.out.print(report.table());
        report.write(out);
        System.err.println("wrote " + out);
        return 0;
    }

    private Path taskDirectory() {
        if (task != null) {
            return task;
        }
        Path here = Path.of("examples", "ticket-triage");
        if (Files.isDirectory(here)) {
            return here;
        }
        Path up = Path.of("..", "examples", "ticket-triage");
        if (Files.isDirectory(up)) {
            return up;
        }
        throw new IllegalArgumentException("no examples/ticket-triage here or in the parent directory; give --task");
    }
}
