package dev.promptevo.engine.evolution;

import dev.promptevo.api.eval.Evaluation;
import dev.promptevo.api.eval.Executor;
import dev.promptevo.api.eval.MetricsSummary;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.search.CrossoverOperator;
import dev.promptevo.api.search.Feedback;
import dev.promptevo.api.search.MutationOperator;
import dev.promptevo.api.search.Objective;
import dev.promptevo.api.search.VariationContext;
import dev.promptevo.api.task.Example;
import dev.promptevo.api.task.Task;
import dev.promptevo.engine.execution.CacheStats;
import dev.promptevo.engine.execution.SpendLedger;
import dev.promptevo.engine.moea.CrowdingDistance;
import dev.promptevo.engine.moea.Fitness;
import dev.promptevo.engine.moea.NonDominatedSorting;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The evolution loop: seed a population from the base genome, then evaluate, score, select, vary,
 * until a stop rule fires.
 *
 * <ul>
 *   <li>Seeding: the base, single mutants of it (half the rest) and random samples of the space.
 *   <li>Evaluation: every new genome on every training example, concurrently on virtual threads (at
 *       most {@link OptimizerConfig#concurrency()} at once); a genome already evaluated in this run
 *       is never evaluated (or billed) again. With early rejection a new genome is raced against the
 *       incumbent on growing rungs of examples first ({@link OptimizerConfig.EarlyRejection}).
 *   <li>Selection: elitism plus tournaments on the composite score (ties: pass rate, then genome id,
 *       so the order is total and a run replays).
 *   <li>Variation: crossover with probability {@link OptimizerConfig#crossoverRate()}, then one
 *       mutation; a child identical to a genome already seen is mutated again (a few times at most).
 *   <li>Stop: generations, target composite, stagnation, or the budget (a refused call means the
 *       budget would have been broken; the run ends after that generation and the incomplete
 *       candidates are left out of the ranking).
 * </ul>
 *
 * All randomness comes from one generator seeded with {@link OptimizerConfig#seed()} and used only on
 * the run's own thread, and evaluations depend only on genome and example, so the same seeds give
 * the same result whatever the concurrency. The one exception is a budget running out: which of the
 * calls in flight at that moment are refused depends on timing, so a run stopped by its budget may end
 * slightly differently from one replay to the next.
 */
public final class Optimizer {
    private static final Comparator<Candidate> BEST_FIRST = Comparator.comparingDouble(Candidate::composite)
            .reversed()
            .thenComparing(
                    Comparator.comparingDouble((Candidate c) -> c.summary().passRate())
                            .reversed())
            .thenComparing(Candidate::id);
    private static final int MAX_RETRIES_FOR_NOVELTY = 4;

    private final Task task;
    private final List<Example> examples;
    private final SearchSpace space;
    private final Genome base;
    private final Executor executor;
    private final List<MutationOperator> mutations;
    private final List<CrossoverOperator> crossovers;
    private final Optional<VariationContext.Rewriter> rewriter;
    private final SpendLedger ledger;
    private final OptimizerConfig config;
    private final List<Objective> objectives;
    private final Clock clock;
    private final Optional<Checkpoint> resumeFrom;
    private final Consumer<Checkpoint> checkpoints;
    private final Optional<Supplier<CacheStats>> cacheStats;

    private Optimizer(Builder b) {
        this.task = Objects.requireNonNull(b.task, "task");
        this.examples = List.copyOf(b.examples);
        this.space = Objects.requireNonNull(b.space, "space");
        this.base = space.requireValid(Objects.requireNonNull(b.base, "base"));
        this.executor = Objects.requireNonNull(b.executor, "executor");
        this.mutations = b.mutations.stream().filter(m -> m.appliesTo(space)).toList();
        this.crossovers = List.copyOf(b.crossovers);
        this.rewriter = b.rewriter;
        this.ledger = Objects.requireNonNull(b.ledger, "ledger");
        this.config = b.config;
        this.objectives = List.copyOf(b.objectives);
        this.clock = b.clock;
        this.resumeFrom = b.resumeFrom;
        this.checkpoints = b.checkpoints;
        this.cacheStats = b.cacheStats;
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to evaluate on");
        }
        if (mutations.isEmpty()) {
            throw new IllegalArgumentException("no mutation operator applies to the search space");
        }
    }

    public static Builder builder(
            Task task, List<Example> examples, SearchSpace space, Genome base, Executor executor) {
        return new Builder(task, examples, space, base, executor);
    }

    public OptimizationResult run(ProgressListener listener) throws InterruptedException {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            return new Run(pool, listener).execute();
        }
    }

    private record Offspring(Genome genome, int generation, List<String> parents, String operator) {}

    /** The mutable state of one run, confined to the run's thread (evaluations only fill futures). */
    private final class Run {
        private final ExecutorService pool;
        private final ProgressListener listener;
        private RandomGenerator random;
        private VariationContext context;
        private final DatasetSplit split = DatasetSplit.of(examples, config.holdoutFraction(), config.seed());
        private final List<Example> train = split.train();
        /** The racing rungs' example indices, nested and smallest first; the last rung is every index. */
        private final List<List<Integer>> rungs;

        private final Map<String, Candidate> archive = new LinkedHashMap<>();
        private final Map<String, List<Evaluation>> evaluations = new HashMap<>();
        private final Set<String> rejected = new HashSet<>();
        private final Map<String, Integer> callFailures = new java.util.TreeMap<>();
        private final OperatorCredit credit = new OperatorCredit(config.adaptiveOperators());
        private int rejectedInGeneration;

        Run(ExecutorService pool, ProgressListener listener) {
            this.pool = pool;
            this.listener = listener;
            this.rungs = rungs(config.earlyRejection().rungSizes(train.size()));
        }

        /**
         * Nested rungs of the given sizes, each stratified like the whole: every rung adds a stratified
         * sample of the examples not yet in it (sizes per stratum are rounded, so a rung's size is about
         * the one asked), then the whole training set closes the list.
         */
        private List<List<Integer>> rungs(List<Integer> sizes) {
            List<List<Integer>> nested = new ArrayList<>();
            Set<Integer> chosen = new LinkedHashSet<>();
            for (int k = 0; k < sizes.size(); k++) {
                List<Example> remaining = new ArrayList<>();
                for (int i = 0; i < train.size(); i++) {
                    if (!chosen.contains(i)) {
                        remaining.add(train.get(i));
                    }
                }
                double share = (double) (sizes.get(k) - chosen.size()) / remaining.size();
                if (!(share > 0 && share < 1)) {
                    continue;
                }
                Set<Example> added = new HashSet<>(
                        DatasetSplit.of(remaining, share, config.seed() + 1 + k).holdout());
                for (int i = 0; i < train.size(); i++) {
                    if (!chosen.contains(i) && added.contains(train.get(i))) {
                        chosen.add(i);
                    }
                }
                nested.add(chosen.stream().sorted().toList());
            }
            nested.add(allIndices());
            return List.copyOf(nested);
        }

        /** Each generation draws from its own generator, so a resumed run needs no generator state. */
        private void useGeneration(int generation) {
            random = RandomGeneratorFactory.of("L64X128MixRandom")
                    .create(config.seed() * 0x9E3779B97F4A7C15L + generation);
            context = new VariationContext(random, space, task, rewriter, this::feedback);
        }

        OptimizationResult execute() throws InterruptedException {
            List<GenerationReport> reports = new ArrayList<>();
            List<Offspring> offspring = List.of();
            List<Candidate> population = List.of();
            double bestSoFar = Double.NEGATIVE_INFINITY;
            int stagnant = 0;
            StopReason stop = StopReason.GENERATIONS;
            int first = 0;
            boolean finished = false;
            if (resumeFrom.isPresent()) {
                Checkpoint checkpoint = resumeFrom.get();
                if (checkpoint.seed() != config.seed()) {
                    throw new IllegalArgumentException(
                            "the checkpoint is of a run with seed " + checkpoint.seed() + ", not " + config.seed());
                }
                checkpoint.archive().forEach(c -> archive.put(c.id(), c));
                evaluations.putAll(checkpoint.evaluations());
                rejected.addAll(checkpoint.rejected());
                credit.restore(checkpoint.operatorStats());
                reports.addAll(checkpoint.reports());
                ledger.restore(checkpoint.spent());
                population =
                        checkpoint.populationIds().stream().map(archive::get).toList();
                bestSoFar = checkpoint.bestSoFar();
                stagnant = checkpoint.stagnant();
                first = checkpoint.completedGeneration() + 1;
                if (checkpoint.stopped().isPresent()) {
                    stop = checkpoint.stopped().get();
                    finished = true;
                } else if (first < config.generations()) {
                    useGeneration(first);
                    offspring = breed(population, first);
                }
            } else {
                useGeneration(0);
                offspring = seedPopulation();
            }
            for (int generation = first; !finished && generation < config.generations(); generation++) {
                int archivedBefore = archive.size();
                int evaluated = 0;
                if (generation == 0 && offspring.get(0).genome().equals(base) && !archive.containsKey(base.id())) {
                    // The base is the reference every report compares against: it is evaluated before
                    // anything else, so a small budget is spent on it first rather than on samples.
                    evaluated += evaluate(generation, offspring.subList(0, 1), population);
                }
                // Generation 0 races its samples and mutants against the base, the team's configuration.
                List<Candidate> incumbents = population.isEmpty() && archive.containsKey(base.id())
                        ? List.of(archive.get(base.id()))
                        : population;
                evaluated += evaluate(generation, offspring, incumbents);
                listener.onCandidates(
                        generation, List.copyOf(archive.values()).subList(archivedBefore, archive.size()));
                List<Candidate> next = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                for (Offspring o : offspring) {
                    Candidate c = archive.get(o.genome().id());
                    if (c != null && seen.add(c.id())) {
                        next.add(c);
                    }
                }
                if (next.isEmpty() && population.isEmpty()) {
                    stop = StopReason.BUDGET; // nothing evaluated completely, nothing to go on from
                    break;
                }
                if (config.selection() == OptimizerConfig.Selection.PARETO) {
                    population = paretoSurvivors(population, next);
                } else if (!next.isEmpty()) {
                    next.sort(BEST_FIRST);
                    population = next;
                }
                Candidate best = archive.values().stream().min(BEST_FIRST).orElseThrow();
                boolean progress = best.composite() > bestSoFar + 1e-12;
                if (config.selection() == OptimizerConfig.Selection.PARETO) {
                    // Pareto selection is after the front, not one best: progress is a new member of it.
                    int current = generation;
                    progress = ParetoFront.of(List.copyOf(archive.values()), objectives, this::feasible).stream()
                            .anyMatch(c -> c.generation() == current);
                }
                bestSoFar = Math.max(bestSoFar, best.composite());
                stagnant = progress ? 0 : stagnant + 1;
                GenerationReport report = new GenerationReport(
                        generation,
                        best.composite(),
                        median(population),
                        evaluated,
                        rejectedInGeneration,
                        best.id(),
                        ledger.snapshot());
                reports.add(report);
                listener.onGeneration(report);

                Optional<StopReason> stopping = Optional.empty();
                if (ledger.exhausted()) {
                    stopping = Optional.of(StopReason.BUDGET);
                } else if (best.composite() >= config.targetComposite()) {
                    stopping = Optional.of(StopReason.TARGET_REACHED);
                } else if (stagnant >= config.stagnationLimit()) {
                    stopping = Optional.of(StopReason.STAGNATION);
                }
                checkpoints.accept(new Checkpoint(
                        config.seed(),
                        generation,
                        population.stream().map(Candidate::id).toList(),
                        List.copyOf(archive.values()),
                        evaluations,
                        rejected,
                        credit.stats(),
                        bestSoFar,
                        stagnant,
                        reports,
                        ledger.snapshot(),
                        stopping));
                if (stopping.isPresent()) {
                    stop = stopping.get();
                    break;
                }
                if (generation + 1 < config.generations()) {
                    useGeneration(generation + 1);
                    offspring = breed(population, generation + 1);
                    if (ledger.exhausted()) {
                        // a rewrite was refused: the next generation could not be evaluated in budget
                        stop = StopReason.BUDGET;
                        break;
                    }
                }
            }
            List<Candidate> all = List.copyOf(archive.values());
            Candidate baseCandidate = archive.get(base.id());
            if (baseCandidate == null) {
                throw new IllegalStateException("the budget ran out before the base genome was evaluated");
            }
            Candidate best = all.stream().min(BEST_FIRST).orElseThrow();
            List<Candidate> front = ParetoFront.of(all, objectives, this::feasible);
            return new OptimizationResult(
                    baseCandidate,
                    best,
                    front,
                    objectives,
                    reports,
                    all,
                    holdout(baseCandidate, best, front),
                    credit.stats(),
                    callFailures,
                    rejected.size(),
                    train.size(),
                    split.holdout().size(),
                    ledger.snapshot(),
                    stop,
                    cacheStats.map(Supplier::get));
        }

        private List<Offspring> seedPopulation() throws InterruptedException {
            List<Offspring> seeds = new ArrayList<>();
            Set<String> ids = new LinkedHashSet<>();
            seeds.add(new Offspring(base, 0, List.of(), "base"));
            ids.add(base.id());
            int mutants = (config.populationSize() - 1) / 2;
            for (int i = 0, tries = 0; i < mutants && tries < mutants * 4; tries++) {
                MutationOperator op = mutations.get(random.nextInt(mutations.size()));
                Genome child = op.mutate(base, context);
                if (ids.add(child.id())) {
                    seeds.add(new Offspring(child, 0, List.of(base.id()), op.id()));
                    i++;
                }
            }
            for (int tries = 0;
                    seeds.size() < config.populationSize() && tries < config.populationSize() * 10;
                    tries++) {
                Genome sample = space.sample(random);
                if (ids.add(sample.id())) {
                    seeds.add(new Offspring(sample, 0, List.of(), "random"));
                }
            }
            return seeds;
        }

        private List<Offspring> breed(List<Candidate> population, int generation) throws InterruptedException {
            List<Offspring> next = new ArrayList<>();
            Set<String> ids = new LinkedHashSet<>();
            int elites = config.selection() == OptimizerConfig.Selection.PARETO ? 0 : config.eliteCount();
            for (int i = 0; i < Math.min(elites, population.size()); i++) {
                Candidate elite = population.get(i);
                next.add(new Offspring(elite.genome(), elite.generation(), elite.parentIds(), elite.operator()));
                ids.add(elite.id());
            }
            int attempts = 0;
            while (next.size() < config.populationSize() && attempts++ < config.populationSize() * 10) {
                Candidate first = tournament(population);
                Genome child = first.genome();
                List<String> parents = new ArrayList<>(List.of(first.id()));
                List<String> operators = new ArrayList<>();
                if (!crossovers.isEmpty() && population.size() > 1 && random.nextDouble() < config.crossoverRate()) {
                    Candidate second = tournament(population);
                    CrossoverOperator cross = credit.pick(crossovers, random);
                    child = cross.cross(first.genome(), second.genome(), context);
                    if (!second.id().equals(first.id())) {
                        parents.add(second.id());
                    }
                    operators.add(cross.id());
                }
                for (int retry = 0; retry <= MAX_RETRIES_FOR_NOVELTY; retry++) {
                    MutationOperator mutation = credit.pick(mutations, random);
                    Genome mutant = mutation.mutate(child, context);
                    if (!mutant.id().equals(child.id())) {
                        operators.add(mutation.id());
                        child = mutant;
                    }
                    if (isNew(child.id()) && !ids.contains(child.id())) {
                        break;
                    }
                    if (ledger.exhausted()) {
                        break;
                    }
                }
                if (isNew(child.id()) && ids.add(child.id())) {
                    String operator = operators.isEmpty() ? "copy" : String.join("+", operators);
                    next.add(new Offspring(child, generation, parents, operator));
                }
                if (ledger.exhausted()) {
                    break;
                }
            }
            return next;
        }

        /** Failed calls by reason (budget refusals are the budget's, not a failure of the call). */
        private void countFailure(String reason) {
            if (!reason.startsWith("budget:")) {
                String key = reason.length() > 240 ? reason.substring(0, 240) + "..." : reason;
                callFailures.merge(key, 1, Integer::sum);
            }
        }

        private final Map<String, int[]> paretoRank = new HashMap<>();
        private final Map<String, Double> crowding = new HashMap<>();

        /** Composite order, or under Pareto selection the crowded comparison (rank, then crowding). */
        private Comparator<Candidate> tournamentOrder() {
            if (config.selection() == OptimizerConfig.Selection.COMPOSITE) {
                return BEST_FIRST;
            }
            return Comparator.comparingInt((Candidate c) -> paretoRank.get(c.id())[0])
                    .thenComparing(Comparator.comparingDouble((Candidate c) -> crowding.get(c.id()))
                            .reversed())
                    .thenComparing(Candidate::id);
        }

        /**
         * NSGA-II's elitist replacement (Deb et al. 2002, section III-C): the previous population and
         * the new candidates are sorted into fronts under constraint-domination (a candidate passing the
         * gates on fewer than {@link OptimizerConfig#minPassRateForFront()} of its examples violates
         * by the shortfall), and fronts fill the next population, the last one by crowding distance.
         */
        private List<Candidate> paretoSurvivors(List<Candidate> previous, List<Candidate> fresh) {
            Map<String, Candidate> pool = new LinkedHashMap<>();
            previous.forEach(c -> pool.put(c.id(), c));
            fresh.forEach(c -> pool.putIfAbsent(c.id(), c));
            List<Candidate> candidates = List.copyOf(pool.values());
            List<Fitness> fitnesses = candidates.stream()
                    .map(c -> new Fitness(
                            objectives.stream()
                                    .mapToDouble(o -> o.minimized(c.summary()))
                                    .toArray(),
                            Math.max(
                                    0,
                                    config.minPassRateForFront() - c.summary().passRate())))
                    .toList();
            int[][] fronts = NonDominatedSorting.fronts(fitnesses);
            List<Candidate> survivors = new ArrayList<>();
            paretoRank.clear();
            crowding.clear();
            for (int rank = 0; rank < fronts.length && survivors.size() < config.populationSize(); rank++) {
                List<Fitness> front = new ArrayList<>();
                for (int index : fronts[rank]) {
                    front.add(fitnesses.get(index));
                }
                double[] distances = CrowdingDistance.of(front);
                List<Candidate> members = new ArrayList<>();
                for (int i = 0; i < fronts[rank].length; i++) {
                    Candidate c = candidates.get(fronts[rank][i]);
                    paretoRank.put(c.id(), new int[] {rank});
                    crowding.put(c.id(), distances[i]);
                    members.add(c);
                }
                members.sort(tournamentOrder());
                survivors.addAll(
                        members.subList(0, Math.min(members.size(), config.populationSize() - survivors.size())));
            }
            return survivors;
        }

        private boolean feasible(Candidate c) {
            return c.summary().passRate() >= config.minPassRateForFront();
        }

        private boolean isNew(String genomeId) {
            return !archive.containsKey(genomeId) && !rejected.contains(genomeId);
        }

        private Candidate tournament(List<Candidate> population) {
            Candidate winner = null;
            for (int i = 0; i < config.tournamentSize(); i++) {
                Candidate drawn = population.get(random.nextInt(population.size()));
                if (winner == null || tournamentOrder().compare(drawn, winner) < 0) {
                    winner = drawn;
                }
            }
            return winner;
        }

        /**
         * Evaluates the offspring not seen before: with early rejection, rung by rung, each rung only
         * for the candidates the previous one did not drop (no example is evaluated twice); complete
         * candidates join the archive.
         *
         * @return how many evaluations ran
         */
        private int evaluate(int generation, List<Offspring> offspring, List<Candidate> incumbents)
                throws InterruptedException {
            rejectedInGeneration = 0;
            List<Offspring> fresh =
                    offspring.stream().filter(o -> isNew(o.genome().id())).toList();
            boolean racing = rungs.size() > 1 && !incumbents.isEmpty();
            List<List<Integer>> stages = racing ? rungs : List.of(allIndices());
            List<Objective> raced = racedObjectives();
            List<List<Evaluation>> rivals = racing
                    ? rivals(incumbents).stream()
                            .map(c -> evaluations.get(c.id()))
                            .toList()
                    : List.of();
            AtomicInteger done = new AtomicInteger();
            int[] planned = {0};
            Map<String, Evaluation[]> results = new LinkedHashMap<>();
            List<Offspring> survivors = fresh;
            List<Integer> covered = List.of();
            int ran = 0;
            for (int k = 0; k < stages.size(); k++) {
                Set<Integer> before = new HashSet<>(covered);
                List<Integer> added =
                        stages.get(k).stream().filter(i -> !before.contains(i)).toList();
                covered = stages.get(k);
                planned[0] += survivors.size() * added.size();
                listener.onGenerationStart(generation, planned[0]);
                ran += runAll(generation, survivors, added, results, done, planned);
                if (k == stages.size() - 1) {
                    break;
                }
                List<Offspring> next = new ArrayList<>();
                for (Offspring o : survivors) {
                    Evaluation[] row = results.get(o.genome().id());
                    if (!completeAt(row, covered)) {
                        continue; // refused by the budget: neither raced further nor rejected
                    }
                    if (outraced(row, rivals, raced, covered)) {
                        rejected.add(o.genome().id());
                        rejectedInGeneration++;
                        recordCredit(o, false);
                    } else {
                        next.add(o);
                    }
                }
                survivors = next;
            }
            for (Offspring o : survivors) {
                Evaluation[] row = results.get(o.genome().id());
                if (!completeAt(row, allIndices())) {
                    continue;
                }
                List<Evaluation> complete = List.of(row);
                evaluations.put(o.genome().id(), complete);
                Candidate candidate = new Candidate(
                        o.genome(), o.generation(), o.parents(), o.operator(), Summaries.of(complete, task));
                archive.put(o.genome().id(), candidate);
                recordCredit(o, beatsParents(candidate));
            }
            return ran;
        }

        private List<Integer> allIndices() {
            return java.util.stream.IntStream.range(0, train.size()).boxed().toList();
        }

        /** Runs every genome on the examples at {@code indices}, concurrently; fills {@code results}. */
        private int runAll(
                int generation,
                List<Offspring> genomes,
                List<Integer> indices,
                Map<String, Evaluation[]> results,
                AtomicInteger done,
                int[] planned)
                throws InterruptedException {
            Semaphore permits = new Semaphore(config.concurrency());
            List<List<Future<Evaluation>>> futures = new ArrayList<>();
            for (Offspring o : genomes) {
                results.computeIfAbsent(o.genome().id(), id -> new Evaluation[train.size()]);
                List<Future<Evaluation>> row = new ArrayList<>(indices.size());
                for (int index : indices) {
                    Example example = train.get(index);
                    row.add(pool.submit(() -> {
                        permits.acquire();
                        try {
                            return executor.execute(o.genome(), example, 0);
                        } finally {
                            permits.release();
                            listener.onEvaluation(generation, done.incrementAndGet(), planned[0]);
                        }
                    }));
                }
                futures.add(row);
            }
            int ran = 0;
            for (int g = 0; g < genomes.size(); g++) {
                Evaluation[] row = results.get(genomes.get(g).genome().id());
                for (int i = 0; i < indices.size(); i++) {
                    Optional<Evaluation> result = await(futures.get(g).get(i));
                    if (result.isPresent()) {
                        ran++;
                        row[indices.get(i)] = result.get();
                        result.get().error().ifPresent(this::countFailure);
                    }
                }
            }
            return ran;
        }

        /** Every index holds an evaluation that was not refused by the budget. */
        private boolean completeAt(Evaluation[] row, List<Integer> indices) {
            for (int index : indices) {
                Evaluation e = row[index];
                if (e == null || e.error().filter(r -> r.startsWith("budget:")).isPresent()) {
                    return false;
                }
            }
            return true;
        }

        private double score(Evaluation e) {
            return task.weights().score(e.metrics(), task.gates());
        }

        /**
         * What racing compares, the raced objective first: under composite selection the composite
         * alone; under Pareto selection quality (the composite; else the first objective) and then
         * the run's other objectives, which only protect a candidate (see {@link #outraced}).
         */
        private List<Objective> racedObjectives() {
            if (config.selection() == OptimizerConfig.Selection.COMPOSITE) {
                return List.of(Objective.quality());
            }
            List<Objective> ordered = new ArrayList<>(objectives);
            ordered.stream()
                    .filter(o -> o.id().equals(Objective.quality().id()))
                    .findFirst()
                    .ifPresent(quality -> {
                        ordered.remove(quality);
                        ordered.add(0, quality);
                    });
            return ordered;
        }

        /**
         * Whom a new candidate races against: under composite selection the population's
         * eliteCount-th best (the best when none are kept); under Pareto selection every member of its
         * first front. In generation 0 the incumbents are the base alone.
         */
        private List<Candidate> rivals(List<Candidate> incumbents) {
            if (config.selection() == OptimizerConfig.Selection.COMPOSITE) {
                return List.of(incumbents.get(Math.max(1, Math.min(config.eliteCount(), incumbents.size())) - 1));
            }
            return incumbents.stream()
                    .filter(c -> !paretoRank.containsKey(c.id()) || paretoRank.get(c.id())[0] == 0)
                    .toList();
        }

        /**
         * Whether a rival outraces the candidate on the examples at {@code indices} ({@link
         * Optimizer#outraces}). Each objective is taken per example: an example's composite, cost,
         * latency (for latency p95, the example's latency: a percentile of a 20-example rung says
         * little).
         */
        private boolean outraced(
                Evaluation[] row, List<List<Evaluation>> rivals, List<Objective> raced, List<Integer> indices) {
            double[][] candidate = perExample(i -> row[i], raced, indices);
            for (List<Evaluation> rival : rivals) {
                if (Optimizer.outraces(
                        perExample(rival::get, raced, indices),
                        candidate,
                        config.earlyRejection().z())) {
                    return true;
                }
            }
            return false;
        }

        /** Each raced objective's minimized value on each example: {@code [objective][example]}. */
        private double[][] perExample(
                java.util.function.IntFunction<Evaluation> at, List<Objective> raced, List<Integer> indices) {
            double[][] values = new double[raced.size()][indices.size()];
            for (int i = 0; i < indices.size(); i++) {
                Evaluation e = at.apply(indices.get(i));
                MetricsSummary one = raced.size() == 1 && raced.get(0).id().equals("quality")
                        ? null
                        : Summaries.of(List.of(e), task);
                for (int m = 0; m < raced.size(); m++) {
                    values[m][i] = one == null ? -score(e) : raced.get(m).minimized(one);
                }
            }
            return values;
        }

        private boolean beatsParents(Candidate child) {
            double bestParent = child.parentIds().stream()
                    .map(archive::get)
                    .filter(Objects::nonNull)
                    .mapToDouble(Candidate::composite)
                    .max()
                    .orElse(Double.POSITIVE_INFINITY);
            return child.composite() > bestParent;
        }

        private void recordCredit(Offspring o, boolean success) {
            if (!o.parents().isEmpty() && !o.operator().equals("copy")) {
                credit.record(o.operator(), success);
            }
        }

        /** The base, the best and the front re-scored on the hold-out examples. */
        private Map<String, MetricsSummary> holdout(Candidate baseCandidate, Candidate best, List<Candidate> front)
                throws InterruptedException {
            List<Example> holdoutExamples = split.holdout();
            Map<String, MetricsSummary> scores = new LinkedHashMap<>();
            if (holdoutExamples.isEmpty() || ledger.exhausted()) {
                return scores;
            }
            Map<String, Genome> genomes = new LinkedHashMap<>();
            genomes.put(baseCandidate.id(), baseCandidate.genome());
            genomes.put(best.id(), best.genome());
            front.forEach(c -> genomes.put(c.id(), c.genome()));
            Map<String, List<Future<Evaluation>>> futures = new LinkedHashMap<>();
            Semaphore permits = new Semaphore(config.concurrency());
            genomes.forEach((id, genome) -> {
                List<Future<Evaluation>> row = new ArrayList<>();
                for (Example example : holdoutExamples) {
                    row.add(pool.submit(() -> {
                        permits.acquire();
                        try {
                            return executor.execute(genome, example, 0);
                        } finally {
                            permits.release();
                        }
                    }));
                }
                futures.put(id, row);
            });
            for (var entry : futures.entrySet()) {
                List<Evaluation> row = new ArrayList<>();
                boolean complete = true;
                for (Future<Evaluation> future : entry.getValue()) {
                    Optional<Evaluation> e = await(future);
                    if (e.isEmpty()
                            || e.get()
                                    .error()
                                    .filter(r -> r.startsWith("budget:"))
                                    .isPresent()) {
                        complete = false;
                    } else {
                        row.add(e.get());
                    }
                }
                if (complete) {
                    scores.put(entry.getKey(), Summaries.of(row, task));
                }
            }
            return scores;
        }

        private Feedback feedback(String genomeId) {
            List<Evaluation> results = evaluations.get(genomeId);
            Candidate candidate = archive.get(genomeId);
            if (results == null || candidate == null) {
                return Feedback.none(genomeId);
            }
            List<Feedback.Failure> failures = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                Evaluation e = results.get(i);
                if (!task.gates().passes(e.metrics())) {
                    Example example = train.get(i);
                    failures.add(new Feedback.Failure(
                            e.exampleId(), example.input(), example.expectedJson(), e.output(), e.failures()));
                }
            }
            return new Feedback(genomeId, candidate.composite(), failures);
        }
    }

    /** The future's value, or empty when it was cancelled at the wall-time deadline. */
    private Optional<Evaluation> await(Future<Evaluation> future) throws InterruptedException {
        try {
            Optional<Instant> deadline = ledger.deadline();
            if (deadline.isEmpty()) {
                return Optional.of(future.get());
            }
            long millis = Math.max(
                    0, Duration.between(clock.instant(), deadline.get()).toMillis());
            return Optional.of(future.get(millis, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            return Optional.empty();
        } catch (java.util.concurrent.CancellationException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InterruptedException) {
                return Optional.empty();
            }
            throw new IllegalStateException("an executor broke its contract and threw: " + e.getCause(), e.getCause());
        }
    }

    /**
     * The upper confidence bound of the mean paired difference between a candidate's and the
     * incumbent's scores on the same examples: {@code mean(d) + z * sd(d) / sqrt(n)}, with {@code d_i =
     * candidate[i] - incumbent[i]}.
     */
    static double pairedUpperBound(double[] candidate, double[] incumbent, double z) {
        int n = candidate.length;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double d = candidate[i] - incumbent[i];
            sum += d;
            squares += d * d;
        }
        double mean = sum / n;
        double variance = Math.max(0, (squares - n * mean * mean) / (n - 1));
        return mean + z * Math.sqrt(variance / n);
    }

    /**
     * Whether {@code rival} outraces {@code candidate}: it is better with confidence on the raced
     * objective (row 0: the upper bound of {@code mean(rival - candidate)} is below 0), and the
     * candidate is better with confidence on none of the others (for each, the upper bound of {@code
     * mean(candidate - rival)} is at least 0). Values are minimized, {@code [objective][example]},
     * paired by example.
     *
     * <p>Only the raced objective can drop a candidate; the others can only keep it (a trade-off is
     * never raced away). Taking S-Race's symmetric rule instead (better with confidence on any
     * objective, worse on none) drops nearly every child at the first rung: cost and latency follow
     * from a configuration almost without noise, so 20 examples make a slightly dearer child worse
     * with confidence long before they can tell whether its quality is better.
     */
    static boolean outraces(double[][] rival, double[][] candidate, double z) {
        if (!(pairedUpperBound(rival[0], candidate[0], z) < 0)) {
            return false;
        }
        for (int m = 1; m < rival.length; m++) {
            if (pairedUpperBound(candidate[m], rival[m], z) < 0) {
                return false;
            }
        }
        return true;
    }

    private static double median(List<Candidate> population) {
        double[] values =
                population.stream().mapToDouble(Candidate::composite).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** Assembles an {@link Optimizer}. */
    public static final class Builder {
        private final Task task;
        private final List<Example> examples;
        private final SearchSpace space;
        private final Genome base;
        private final Executor executor;
        private List<MutationOperator> mutations = List.of();
        private List<CrossoverOperator> crossovers = List.of();
        private Optional<VariationContext.Rewriter> rewriter = Optional.empty();
        private SpendLedger ledger;
        private OptimizerConfig config = OptimizerConfig.defaults();
        private List<Objective> objectives = List.of(Objective.quality(), Objective.cost(), Objective.latencyP95());
        private Clock clock = Clock.systemUTC();
        private Optional<Checkpoint> resumeFrom = Optional.empty();
        private Consumer<Checkpoint> checkpoints = checkpoint -> {};
        private Optional<Supplier<CacheStats>> cacheStats = Optional.empty();

        private Builder(Task task, List<Example> examples, SearchSpace space, Genome base, Executor executor) {
            this.task = task;
            this.examples = examples;
            this.space = space;
            this.base = base;
            this.executor = executor;
        }

        public Builder mutations(List<? extends MutationOperator> value) {
            this.mutations = List.copyOf(value);
            return this;
        }

        public Builder crossovers(List<? extends CrossoverOperator> value) {
            this.crossovers = List.copyOf(value);
            return this;
        }

        public Builder rewriter(VariationContext.Rewriter value) {
            this.rewriter = Optional.of(value);
            return this;
        }

        /** The ledger every call of this run (the executor's backend and the rewriter) is counted in. */
        public Builder ledger(SpendLedger value) {
            this.ledger = value;
            return this;
        }

        public Builder config(OptimizerConfig value) {
            this.config = Objects.requireNonNull(value);
            return this;
        }

        public Builder objectives(List<Objective> value) {
            this.objectives = List.copyOf(value);
            return this;
        }

        /** Continues the run that saved {@code checkpoint} (same seed, same task and settings). */
        public Builder resumeFrom(Checkpoint value) {
            this.resumeFrom = Optional.of(value);
            return this;
        }

        /** Receives the run's state after every completed generation (on the run's thread). */
        public Builder checkpoints(Consumer<Checkpoint> value) {
            this.checkpoints = Objects.requireNonNull(value);
            return this;
        }

        /** Where the result reads what the evaluation cache in front of the executor's backend did. */
        public Builder cacheStats(Supplier<CacheStats> value) {
            this.cacheStats = Optional.of(value);
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        public Optimizer build() {
            if (ledger == null) {
                throw new IllegalStateException(
                        "a ledger is required: the same SpendLedger the executor's backend counts its calls in");
            }
            return new Optimizer(this);
        }
    }
}
