package dev.promptevo.cli;

import dev.promptevo.api.plugin.Plugins;
import dev.promptevo.engine.CostEstimate;
import dev.promptevo.engine.RunFactory;
import dev.promptevo.engine.evolution.Checkpoint;
import dev.promptevo.engine.evolution.CheckpointJson;
import dev.promptevo.engine.evolution.OptimizationResult;
import dev.promptevo.engine.evolution.OptimizerConfig;
import dev.promptevo.engine.execution.Budget;
import dev.promptevo.engine.execution.FileEvaluationCache;
import dev.promptevo.engine.task.TaskBundle;
import dev.promptevo.engine.task.TaskLoadException;
import dev.promptevo.engine.task.TaskLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code promptevo optimize <task-dir>}: one optimization run, without a server. */
@Command(
        name = "optimize",
        mixinStandardHelpOptions = true,
        description = "Evolves the task's call configuration and prints the best genome against the base.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the run finished",
            "2:bad command-line arguments",
            "3:the task directory cannot be used",
            "4:the budget ran out before the base genome was evaluated",
            "5:the plugins or the backend cannot be set up",
            "1:an unexpected error"
        })
public final class OptimizeCommand implements Callable<Integer> {
    static final int BAD_TASK = 3;
    static final int NO_RESULT = 4;
    static final int BAD_SETUP = 5;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<task-dir>", description = "Folder holding task.json.")
    Path taskDir;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the search (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--generations",
            defaultValue = "12",
            description = "Generations at most (default: ${DEFAULT-VALUE}).")
    int generations;

    @Option(
            names = "--population",
            defaultValue = "16",
            description = "Candidates per generation (default: ${DEFAULT-VALUE}).")
    int population;

    @Option(
            names = "--concurrency",
            defaultValue = "32",
            description = "Evaluations in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
            names = "--stagnation",
            defaultValue = "5",
            description = "Stop after this many generations without improvement (default: ${DEFAULT-VALUE}).")
    int stagnation;

    @Option(
            names = "--target",
            defaultValue = "0.95",
            description = "Stop once the best composite reaches this (default: ${DEFAULT-VALUE}).")
    double target;

    @Option(names = "--max-calls", description = "Model calls at most (the optimizer's own rewrites included).")
    Long maxCalls;

    @Option(names = "--max-usd", description = "Dollars at most; never exceeded, not even by calls in flight.")
    Double maxUsd;

    @Option(
            names = "--max-time",
            description = "Wall time at most, e.g. PT2M or 90s.",
            converter = DurationConverter.class)
    Duration maxTime;

    @Option(names = "--backend", description = "Backend plugin id (default: the task's, usually 'simulated').")
    String backend;

    @Option(
            names = "--model",
            paramLabel = "NAME",
            description = "A model to search over, replacing the task's list (repeatable).")
    java.util.List<String> models = new java.util.ArrayList<>();

    @Option(
            names = "--base-url",
            paramLabel = "URL",
            description = "The backend's base URL (sets its base-url setting).")
    String baseUrl;

    @Option(names = "--backend-setting", paramLabel = "KEY=VALUE", description = "A backend setting (repeatable).")
    Map<String, String> backendSettings = new LinkedHashMap<>();

    @Option(names = "--rewrite-model", description = "Model that writes rubric rewrites (default: the base genome's).")
    String rewriteModel;

    @Option(
            names = "--holdout",
            defaultValue = "0.2",
            description = "Share of examples kept out of the search to re-score the best (default: ${DEFAULT-VALUE}).")
    double holdout;

    @Option(
            names = "--selection",
            defaultValue = "composite",
            description = "composite: tournaments on the composite score; pareto: NSGA-II over quality, cost and"
                    + " latency p95 with the gates as constraints (default: ${DEFAULT-VALUE}).")
    OptimizerConfig.Selection selection;

    @Option(names = "--no-early-rejection", description = "Evaluate every new candidate on every example.")
    boolean noEarlyRejection;

    @Option(names = "--no-adaptive-operators", description = "Pick operators uniformly, not by their success.")
    boolean noAdaptiveOperators;

    @Option(
            names = "--retriever",
            defaultValue = "retriever.bm25",
            description = "Retriever plugin id for retriever_topk (default: ${DEFAULT-VALUE}).")
    String retriever;

    @Option(
            names = "--checkpoint",
            paramLabel = "FILE",
            description = "Save the run's state to FILE after every generation (replaced atomically).")
    Path checkpoint;

    @Option(
            names = "--resume",
            paramLabel = "FILE",
            description = "Continue the run saved in FILE (same task, seed and settings): completed evaluations"
                    + " are neither repeated nor billed again.")
    Path resume;

    @Option(
            names = "--cache",
            paramLabel = "FILE",
            description = "The evaluation cache: answer deterministic model calls (the simulator's always; a real"
                    + " provider's at temperature 0 or with a seed it honours) from FILE when an earlier run"
                    + " stored them, and store new ones there (created when absent). Answers from the cache"
                    + " cost no call and no money.")
    Path cache;

    @Option(
            names = "--consensus-model",
            paramLabel = "NAME",
            description = "Under use_consensus, ask each of these models once and vote (repeatable);"
                    + " default: three samples of the genome's own model.")
    java.util.List<String> consensusModels = new java.util.ArrayList<>();

    @Option(
            names = "--validator",
            paramLabel = "ID",
            description = "Also use this validator plugin (repeatable), e.g. validator.embedding-similarity.")
    java.util.List<String> validatorIds = new java.util.ArrayList<>();

    @Option(
            names = "--judge-model",
            paramLabel = "NAME",
            description = "Add an LLM judge on this model to the validator score (its calls count in the budget).")
    String judgeModel;

    @Option(
            names = "--plugins",
            paramLabel = "DIR",
            defaultValue = "plugins",
            description = "Folder of plugin jars (default: ${DEFAULT-VALUE}).")
    Path pluginsDir;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the result as JSON to FILE.")
    Path out;

    @Option(names = "--no-progress", description = "Print one line per generation instead of a live bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TaskBundle bundle;
        try {
            bundle = TaskLoader.load(taskDir);
        } catch (TaskLoadException e) {
            err.println("promptevo: cannot use task directory " + taskDir + ": " + e.getMessage());
            return BAD_TASK;
        }
        bundle = bundle.withModels(models);
        if (baseUrl != null) {
            backendSettings.put("base-url", baseUrl);
        }
        Budget budget = Budget.UNLIMITED;
        if (maxCalls != null) {
            budget = budget.withMaxCalls(maxCalls);
        }
        if (maxUsd != null) {
            budget = budget.withMaxUsd(maxUsd);
        }
        if (maxTime != null) {
            budget = budget.withMaxWallTime(maxTime);
        }
        OptimizerConfig config = OptimizerConfig.defaults()
                .withSeed(seed)
                .withGenerations(generations)
                .withPopulationSize(population)
                .withConcurrency(concurrency)
                .withStagnationLimit(stagnation)
                .withTargetComposite(target)
                .withHoldoutFraction(holdout)
                .withSelection(selection)
                .withAdaptiveOperators(!noAdaptiveOperators)
                .withEarlyRejection(
                        noEarlyRejection ? OptimizerConfig.EarlyRejection.OFF : OptimizerConfig.EarlyRejection.DEFAULT)
                .withBudget(budget);
        RunFactory.Options options = RunFactory.Options.defaults(config);
        options = new RunFactory.Options(
                config,
                Optional.ofNullable(backend),
                backendSettings,
                Optional.ofNullable(rewriteModel),
                options.consensusSamples(),
                consensusModels,
                Optional.ofNullable(judgeModel),
                validatorIds,
                options.evaluationSeed(),
                retriever,
                options.clock());
        FileEvaluationCache store = null;
        if (cache != null) {
            try {
                store = FileEvaluationCache.open(cache);
            } catch (RuntimeException e) {
                err.println("promptevo: cannot use the evaluation cache " + cache + ": " + e.getMessage());
                return BAD_SETUP;
            }
            options = options.withCache(store);
        }
        try {
            return run(bundle, config, options, stdout, err);
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }

    private int run(
            TaskBundle bundle, OptimizerConfig config, RunFactory.Options options, PrintWriter stdout, PrintWriter err)
            throws InterruptedException, java.io.IOException {
        ClassLoader plugins = Plugins.withJarsFrom(pluginsDir, OptimizeCommand.class.getClassLoader());
        Optional<Checkpoint> resumeFrom = Optional.empty();
        if (resume != null) {
            try {
                resumeFrom = Optional.of(CheckpointJson.read(resume, bundle.space()));
            } catch (RuntimeException e) {
                err.println("promptevo: cannot resume from " + resume + ": " + e.getMessage());
                return BAD_TASK;
            }
        }
        Consumer<Checkpoint> sink = checkpoint == null ? c -> {} : c -> CheckpointJson.write(c, checkpoint);
        RunFactory.PreparedRun run;
        try {
            run = new RunFactory(plugins).prepare(bundle, options, resumeFrom, sink);
        } catch (RuntimeException e) {
            err.println("promptevo: cannot set up the run: " + e.getMessage());
            return BAD_SETUP;
        }
        stdout.printf(
                Locale.ROOT,
                "Optimizing task '%s' on %d examples with backend '%s' (seed %d, population %d, up to %d generations)%n",
                bundle.task().id(),
                bundle.dataset().size(),
                run.backend().id(),
                seed,
                population,
                generations);
        stdout.println(CostEstimate.of(bundle, config, run.backend(), options.consensusSamples())
                .describe());
        stdout.flush();
        OptimizationResult result;
        try {
            result = run.optimizer().run(new ProgressBar(err, generations, !noProgress && System.console() != null));
        } catch (IllegalStateException e) {
            err.println("promptevo: " + e.getMessage());
            return NO_RESULT;
        }
        Report.print(result, stdout);
        if (out != null) {
            ResultJson.write(ResultJson.of(result, bundle.task().id(), seed), out);
            stdout.println("Result written to " + out);
        }
        return 0;
    }

    /** Accepts ISO-8601 ({@code PT2M}) or a number with a unit ({@code 90s}, {@code 2m}, {@code 500ms}). */
    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.startsWith("pt") || v.startsWith("p")) {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long amount = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default ->
                    throw new picocli.CommandLine.TypeConversionException(
                            "'" + value + "' is not a duration (use e.g. 90s, 2m, PT2M)");
            };
        }
    }
}
