package dev.promptevo.bench.search;

import dev.promptevo.api.eval.Evaluation;
import dev.promptevo.api.eval.Validator;
import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelBackendProvider;
import dev.promptevo.api.search.Feedback;
import dev.promptevo.api.search.MutationOperator;
import dev.promptevo.api.search.VariationContext;
import dev.promptevo.api.task.Example;
import dev.promptevo.engine.RunFactory;
import dev.promptevo.engine.evolution.Candidate;
import dev.promptevo.engine.evolution.GenerationReport;
import dev.promptevo.engine.evolution.OptimizationResult;
import dev.promptevo.engine.evolution.OptimizerConfig;
import dev.promptevo.engine.evolution.ProgressListener;
import dev.promptevo.engine.evolution.Summaries;
import dev.promptevo.engine.execution.Budget;
import dev.promptevo.engine.execution.BudgetedBackend;
import dev.promptevo.engine.execution.PipelineExecutor;
import dev.promptevo.engine.execution.PromptAssembler;
import dev.promptevo.engine.execution.SpendLedger;
import dev.promptevo.engine.retrieval.Bm25RetrieverProvider;
import dev.promptevo.engine.task.TaskBundle;
import dev.promptevo.engine.validation.OutputJudge;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The four search strategies, each run on one seed within a call budget, each reporting its trace: after
 * every step, the calls spent so far and the genome it would pick by what it measured.
 */
final class Strategies {
    /** The greedy loop's and random search's mutation operators are drawn by these ids. */
    static final List<String> GREEDY_OPERATORS = List.of(
            "mutate.rubric.rewrite",
            "mutate.cot.toggle",
            "mutate.consensus.toggle",
            "mutate.max_tokens.step",
            "mutate.retriever_topk.step",
            "mutate.temperature.gaussian");

    /** One point of a trace: after {@code calls} calls, the strategy's pick (its best by measured composite). */
    record Point(long calls, String pickId) {}

    /**
     * What one run did: its trace, every genome it evaluated completely, and the calls it spent; for
     * PromptEvo also the front it reports (the non-dominated candidates of its whole archive, by its
     * own measurements) and its last population (empty for the other strategies).
     */
    record Trace(
            List<Point> points,
            Map<String, Genome> evaluated,
            long callsSpent,
            String stopReason,
            List<Genome> reportedFront,
            List<Genome> finalPopulation) {

        Trace(List<Point> points, Map<String, Genome> evaluated, long callsSpent, String stopReason) {
            this(points, evaluated, callsSpent, stopReason, List.of(), List.of());
        }
    }

    enum Name {
        PROMPTEVO("promptevo"),
        PROMPTEVO_NO_EARLY_REJECTION("promptevo-no-early-rejection"),
        PROMPTEVO_UNTIL_BUDGET("promptevo-until-budget"),
        PROMPTEVO_NO_EARLY_REJECTION_UNTIL_BUDGET("promptevo-no-early-rejection-until-budget"),
        PROMPTEVO_PARETO("promptevo-pareto"),
        PROMPTEVO_PARETO_12("promptevo-pareto-12-generations"),
        RANDOM("random-search"),
        GREEDY("greedy-current-system");

        final String id;

        Name(String id) {
            this.id = id;
        }

        static Name of(String id) {
            for (Name n : values()) {
                if (n.id.equals(id)) {
                    return n;
                }
            }
            throw new IllegalArgumentException("unknown strategy '" + id + "'");
        }
    }

    private final TaskBundle bundle;
    private final List<Example> train;
    private final RunFactory factory;
    private final double greedyThreshold;

    Strategies(TaskBundle bundle, List<Example> train, double greedyThreshold) {
        this.bundle = bundle;
        this.train = List.copyOf(train);
        this.factory = new RunFactory(Strategies.class.getClassLoader());
        this.greedyThreshold = greedyThreshold;
    }

    Trace run(Name name, long seed, long budgetCalls) throws InterruptedException {
        return switch (name) {
            case PROMPTEVO -> promptevo(promptevoConfig(seed, budgetCalls, true), seed);
            case PROMPTEVO_NO_EARLY_REJECTION -> promptevo(promptevoConfig(seed, budgetCalls, false), seed);
            case PROMPTEVO_UNTIL_BUDGET -> promptevo(untilTheBudget(promptevoConfig(seed, budgetCalls, true)), seed);
            case PROMPTEVO_NO_EARLY_REJECTION_UNTIL_BUDGET ->
                promptevo(untilTheBudget(promptevoConfig(seed, budgetCalls, false)), seed);
            case PROMPTEVO_PARETO -> promptevo(paretoConfig(seed, budgetCalls), seed);
            case PROMPTEVO_PARETO_12 ->
                promptevo(
                        promptevoConfig(seed, budgetCalls, true).withSelection(OptimizerConfig.Selection.PARETO), seed);
            case RANDOM -> random(seed, budgetCalls);
            case GREEDY -> greedy(seed, budgetCalls);
        };
    }

    /** The engine's defaults (composite selection, early rejection, adaptive operators), no hold-out. */
    static OptimizerConfig promptevoConfig(long seed, long budgetCalls, boolean earlyRejection) {
        OptimizerConfig config = OptimizerConfig.defaults()
                .withSeed(seed)
                .withHoldoutFraction(0.0)
                .withBudget(Budget.UNLIMITED.withMaxCalls(budgetCalls));
        return earlyRejection ? config : config.withEarlyRejection(OptimizerConfig.EarlyRejection.OFF);
    }

    /**
     * Pareto selection, run until the call budget is spent: a front is wanted over the whole budget,
     * while the default's 12 generations and stagnation stop are made for one best configuration.
     */
    static OptimizerConfig paretoConfig(long seed, long budgetCalls) {
        return untilTheBudget(promptevoConfig(seed, budgetCalls, true).withSelection(OptimizerConfig.Selection.PARETO));
    }

    /**
     * The same run with no generation or stagnation limit: it ends when the call budget is spent (or
     * the target composite is reached), so every strategy gets the same calls, and what racing saves
     * per generation buys more generations instead of an earlier stop.
     */
    static OptimizerConfig untilTheBudget(OptimizerConfig config) {
        return config.withGenerations(UNTIL_THE_BUDGET).withStagnationLimit(UNTIL_THE_BUDGET);
    }

    /** Generations (and generations without progress) that no run within a benchmark's budget reaches. */
    static final int UNTIL_THE_BUDGET = 1_000_000;

    private RunFactory.Options options(OptimizerConfig config, long seed) {
        RunFactory.Options d = RunFactory.Options.defaults(config);
        return new RunFactory.Options(
                config,
                d.backendId(),
                d.backendSettings(),
                d.rewriteModel(),
                d.consensusSamples(),
                d.consensusModels(),
                d.judgeModel(),
                d.validatorIds(),
                seed,
                d.retrieverId(),
                Clock.systemUTC());
    }

    private Trace promptevo(OptimizerConfig config, long seed) throws InterruptedException {
        List<String> lastPopulation = new ArrayList<>();
        RunFactory.PreparedRun run = factory.prepare(bundle, options(config, seed), Optional.empty(), checkpoint -> {
            lastPopulation.clear();
            lastPopulation.addAll(checkpoint.populationIds());
        });
        List<Point> points = new ArrayList<>();
        Map<String, Genome> evaluated = new LinkedHashMap<>();
        OptimizationResult result = run.optimizer().run(new ProgressListener() {
            @Override
            public void onCandidates(int generation, List<Candidate> candidates) {
                candidates.forEach(c -> evaluated.put(c.id(), c.genome()));
            }

            @Override
            public void onGeneration(GenerationReport report) {
                points.add(new Point(report.spent().calls(), report.bestGenomeId()));
            }
        });
        result.candidates().forEach(c -> evaluated.putIfAbsent(c.id(), c.genome()));
        return new Trace(
                points,
                evaluated,
                result.spent().calls(),
                result.stopReason().name(),
                result.paretoFront().stream().map(Candidate::genome).toList(),
                lastPopulation.stream().map(evaluated::get).toList());
    }

    /** The pipeline RunFactory wires (same backend, retriever, validators, consensus), on a fresh ledger. */
    private final class Pipeline {
        final SpendLedger ledger;
        final ModelBackend backend;
        final PipelineExecutor executor;

        Pipeline(long seed, long budgetCalls) {
            ledger = new SpendLedger(Budget.UNLIMITED.withMaxCalls(budgetCalls), Clock.systemUTC());
            ModelBackend raw = factory.backends()
                    .get(bundle.backendId())
                    .create(new ModelBackendProvider.Context(
                            bundle.backendSettings(),
                            bundle.directory(),
                            bundle.dataset().examples()));
            backend = new BudgetedBackend(raw, ledger);
            var retriever = bundle.task().documents().isEmpty()
                    ? Optional.<dev.promptevo.api.eval.Retriever>empty()
                    : Optional.of(factory.retrievers()
                            .get(Bm25RetrieverProvider.ID)
                            .index(bundle.task().documents()));
            List<Validator> scorers = factory.validators().all().stream()
                    .filter(Validator::enabledByDefault)
                    .toList();
            executor = new PipelineExecutor(
                    backend,
                    new PromptAssembler(bundle.task(), retriever),
                    new OutputJudge(bundle.task(), scorers),
                    PipelineExecutor.Consensus.samples(RunFactory.DEFAULT_CONSENSUS_SAMPLES),
                    seed);
        }

        long calls() {
            return ledger.snapshot().calls();
        }

        /** All training examples, in order; empty when the budget ran out before the last one. */
        Optional<List<Evaluation>> evaluate(Genome genome) throws InterruptedException {
            List<Evaluation> results = new ArrayList<>(train.size());
            for (Example example : train) {
                Evaluation e = executor.execute(genome, example, 0);
                if (e.error().isPresent() && e.error().get().startsWith("budget:")) {
                    return Optional.empty();
                }
                results.add(e);
            }
            return Optional.of(results);
        }

        double composite(List<Evaluation> results) {
            return Summaries.of(results, bundle.task()).composite();
        }
    }

    /** Uniform samples of the task's search space (the rubric from the task's rubric pool), each on every example. */
    private Trace random(long seed, long budgetCalls) throws InterruptedException {
        Pipeline pipeline = new Pipeline(seed, budgetCalls);
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        List<Point> points = new ArrayList<>();
        Map<String, Genome> evaluated = new LinkedHashMap<>();
        String pick = null;
        double best = Double.NEGATIVE_INFINITY;
        while (!pipeline.ledger.exhausted()) {
            Genome sample = bundle.space().sample(random);
            if (evaluated.containsKey(sample.id())) {
                continue;
            }
            Optional<List<Evaluation>> results = pipeline.evaluate(sample);
            if (results.isEmpty()) {
                break;
            }
            evaluated.put(sample.id(), sample);
            double composite = pipeline.composite(results.get());
            if (composite > best) {
                best = composite;
                pick = sample.id();
            }
            points.add(new Point(pipeline.calls(), pick));
        }
        return new Trace(points, evaluated, pipeline.calls(), "BUDGET");
    }

    /**
     * The seed's current system: for each model in turn, from the base genome on that model, ask for an
     * improvement (one mutation by an operator drawn uniformly from {@link #GREEDY_OPERATORS}) and keep
     * it when its measured composite beats the current one by more than the threshold, until the model's
     * share of the budget (a third each) is spent. Its pick is the best current configuration so far.
     */
    private Trace greedy(long seed, long budgetCalls) throws InterruptedException {
        Pipeline pipeline = new Pipeline(seed, budgetCalls);
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        List<MutationOperator> operators =
                GREEDY_OPERATORS.stream().map(id -> factory.mutations().get(id)).toList();
        Map<String, List<Evaluation>> results = new LinkedHashMap<>();
        Map<String, Double> measured = new LinkedHashMap<>();
        VariationContext context = new VariationContext(
                random,
                bundle.space(),
                bundle.task(),
                Optional.of(new VariationContext.Rewriter(
                        pipeline.backend, bundle.baseGenome().text("model_key"))),
                id -> feedback(id, results.get(id), measured.get(id)));
        List<String> models = models();
        List<Point> points = new ArrayList<>();
        Map<String, Genome> evaluated = new LinkedHashMap<>();
        String pick = null;
        double pickScore = Double.NEGATIVE_INFINITY;
        Set<String> tried = new HashSet<>();
        outer:
        for (int k = 0; k < models.size(); k++) {
            long share = budgetCalls * (k + 1) / models.size();
            Genome current = bundle.baseGenome().with("model_key", Allele.of(models.get(k)));
            Optional<List<Evaluation>> first = pipeline.evaluate(current);
            if (first.isEmpty()) {
                break;
            }
            results.put(current.id(), first.get());
            double currentScore = pipeline.composite(first.get());
            measured.put(current.id(), currentScore);
            evaluated.put(current.id(), current);
            tried.add(current.id());
            if (currentScore > pickScore) {
                pickScore = currentScore;
                pick = current.id();
            }
            points.add(new Point(pipeline.calls(), pick));
            int stale = 0;
            while (pipeline.calls() < share && !pipeline.ledger.exhausted() && stale < 1000) {
                MutationOperator op = operators.get(random.nextInt(operators.size()));
                Genome child = op.mutate(current, context);
                if (pipeline.ledger.exhausted()) {
                    break outer;
                }
                if (!tried.add(child.id())) {
                    stale++;
                    continue;
                }
                stale = 0;
                Optional<List<Evaluation>> r = pipeline.evaluate(child);
                if (r.isEmpty()) {
                    break outer;
                }
                evaluated.put(child.id(), child);
                double score = pipeline.composite(r.get());
                if (score > currentScore + greedyThreshold) {
                    results.put(child.id(), r.get());
                    measured.put(child.id(), score);
                    current = child;
                    currentScore = score;
                    if (score > pickScore) {
                        pickScore = score;
                        pick = child.id();
                    }
                }
                points.add(new Point(pipeline.calls(), pick));
            }
        }
        return new Trace(points, evaluated, pipeline.calls(), "BUDGET");
    }

    List<String> models() {
        return ((dev.promptevo.api.genome.Gene.ChoiceGene) bundle.space().gene("model_key")).options();
    }

    /** As the optimizer gives it: the examples that failed a gate, with their outputs and reasons. */
    private Feedback feedback(String genomeId, List<Evaluation> results, Double composite) {
        if (results == null) {
            return Feedback.none(genomeId);
        }
        List<Feedback.Failure> failures = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            Evaluation e = results.get(i);
            if (!bundle.task().gates().passes(e.metrics())) {
                Example example = train.get(i);
                failures.add(new Feedback.Failure(
                        e.exampleId(), example.input(), example.expectedJson(), e.output(), e.failures()));
            }
        }
        return new Feedback(genomeId, composite == null ? 0.0 : composite, failures);
    }
}
