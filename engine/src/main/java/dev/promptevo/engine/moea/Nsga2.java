package dev.promptevo.engine.moea;

import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.search.CrossoverOperator;
import dev.promptevo.api.search.Feedback;
import dev.promptevo.api.search.MutationOperator;
import dev.promptevo.api.search.VariationContext;
import dev.promptevo.api.task.Gates;
import dev.promptevo.api.task.ScoringWeights;
import dev.promptevo.api.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * NSGA-II over any {@link SearchSpace}, after K. Deb, A. Pratap, S. Agarwal and T. Meyarivan, "A fast
 * and elitist multiobjective genetic algorithm: NSGA-II", IEEE Transactions on Evolutionary
 * Computation 6(2), 2002, pp. 182-197.
 *
 * <ul>
 *   <li>Ranking: {@link NonDominatedSorting} (section III-A) under constraint-domination (section
 *       IV), and {@link CrowdingDistance} within each front (section III-B).
 *   <li>Main loop (section III-C): the parent population {@code P} of size {@code N} breeds {@code N}
 *       offspring {@code Q}: pairs of binary-tournament winners on the crowded-comparison operator
 *       (lower rank wins, then larger crowding distance; the two contestants are distinct) go through
 *       the {@link Variation}, by default crossover with probability {@link
 *       Builder#crossoverProbability} (else the parents pass on unchanged) and mutation of every
 *       child. {@code P ∪ Q} is sorted into fronts; whole fronts fill the next {@code P} in
 *       rank order and the first front that does not fit is cut by descending crowding distance
 *       (elitist {@code (mu + lambda)} selection). Ranks and distances of the survivors are those
 *       computed in {@code P ∪ Q}, as in the paper; the initial population is ranked on its own.
 *   <li>Pairs: every pair of tournament winners yields the children of a {@link PairCrossover}: two
 *       for SBX-like crossovers, as in Deb's and jMetal's implementations, one for an API {@link
 *       CrossoverOperator}. Offspring beyond {@code N} are dropped.
 *   <li>Budget: the initial population costs {@code N} evaluations and each generation at most
 *       {@code N}; the last generation is shortened so that exactly {@link Builder#maxEvaluations}
 *       evaluations are spent.
 * </ul>
 *
 * Each generation's offspring are evaluated as one batch by the {@link Evaluator}, which may run them
 * concurrently. All randomness comes from one generator seeded with {@link Builder#seed} and drawn on
 * the calling thread only, so the same seed, space, operators and evaluation give the same result.
 * An instance is immutable; {@link #run()} may be called repeatedly, and from several threads when
 * the operators and the evaluation are thread-safe.
 */
public final class Nsga2 {
    /**
     * The task operators see when none is given: a neutral stand-in, since problems such as ZDT have
     * no task; an operator that calls an LLM needs the real one.
     */
    static final Task NO_TASK = new Task(
            "moea", "Multi-objective search", "{{input}}", "{}", Gates.SEED, ScoringWeights.SEED, List.of(), List.of());

    private final SearchSpace space;
    private final Evaluator evaluator;
    private final Variation variation;
    private final int populationSize;
    private final int maxEvaluations;
    private final long seed;
    private final Task task;
    private final List<Genome> initialGenomes;

    private Nsga2(Builder b) {
        this.space = b.space;
        this.evaluator = b.evaluator;
        this.variation = b.variation();
        this.populationSize = b.populationSize;
        this.maxEvaluations = b.maxEvaluations;
        this.seed = b.seed;
        this.task = b.task;
        this.initialGenomes = List.copyOf(b.initialGenomes);
        if (maxEvaluations < populationSize) {
            throw new IllegalArgumentException("the budget of " + maxEvaluations
                    + " evaluations does not cover the initial population of " + populationSize);
        }
        if (initialGenomes.size() > populationSize) {
            throw new IllegalArgumentException("more initial genomes than the population holds");
        }
        initialGenomes.forEach(space::requireValid);
    }

    /**
     * A builder for a run over {@code space} that evaluates each genome with {@code evaluation}, one
     * after another unless {@link Builder#executor} or {@link Builder#evaluator} says otherwise (after
     * Jenetics' {@code Engine.builder}).
     */
    public static Builder builder(SearchSpace space, Function<? super Genome, Fitness> evaluation) {
        return new Builder(space, evaluation);
    }

    /** One member of the population with the rank and crowding distance NSGA-II gave it. */
    public record Individual(Genome genome, Fitness fitness, int rank, double crowdingDistance) {
        public Individual {
            Objects.requireNonNull(genome, "genome");
            Objects.requireNonNull(fitness, "fitness");
        }
    }

    /**
     * The outcome of a run.
     *
     * @param population the final population, each member with the rank and crowding distance it was
     *     selected with
     * @param evaluations how many genomes were evaluated (never more than the budget)
     * @param generations how many offspring generations were bred after the initial population
     */
    public record Result(List<Individual> population, int evaluations, int generations) {
        public Result {
            population = List.copyOf(population);
        }

        /** The final population's first front (rank 0): its non-dominated members. */
        public List<Individual> front() {
            return population.stream().filter(i -> i.rank() == 0).toList();
        }
    }

    public Result run() throws InterruptedException {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        VariationContext context = new VariationContext(random, space, task, Optional.empty(), Feedback::none);

        List<Genome> initial = new ArrayList<>(initialGenomes);
        while (initial.size() < populationSize) {
            initial.add(space.sample(random));
        }
        Population population = new Population(2 * populationSize);
        population.addAll(initial, evaluate(initial));
        int evaluations = populationSize;
        population.rankAll();

        int generations = 0;
        while (evaluations < maxEvaluations) {
            int offspringCount = Math.min(populationSize, maxEvaluations - evaluations);
            List<Genome> offspring = breed(population, offspringCount, context, random);
            population.addAll(offspring, evaluate(offspring));
            evaluations += offspringCount;
            population.keepBest(populationSize);
            generations++;
        }
        return new Result(population.individuals(), evaluations, generations);
    }

    private List<Fitness> evaluate(List<Genome> genomes) throws InterruptedException {
        List<Fitness> fitnesses = evaluator.evaluate(List.copyOf(genomes));
        if (fitnesses.size() != genomes.size()) {
            throw new IllegalStateException(
                    "the evaluator returned " + fitnesses.size() + " fitnesses for " + genomes.size() + " genomes");
        }
        return fitnesses;
    }

    private List<Genome> breed(Population parents, int count, VariationContext context, RandomGenerator random)
            throws InterruptedException {
        List<Genome> offspring = new ArrayList<>(count);
        while (offspring.size() < count) {
            Genome first = parents.genomes[parents.tournament(random)];
            Genome second = parents.genomes[parents.tournament(random)];
            List<Genome> children = variation.breed(first, second, context);
            if (children.isEmpty()) {
                throw new IllegalStateException("the variation bred no child");
            }
            for (Genome child : children) {
                if (offspring.size() == count) {
                    break;
                }
                offspring.add(Objects.requireNonNull(child, "variation returned a null child"));
            }
        }
        return offspring;
    }

    /**
     * The population as parallel arrays, the representation the sorting loops want: a parent
     * population of {@code N} and, before {@link #keepBest}, the offspring appended to it.
     */
    private static final class Population {
        final Genome[] genomes;
        final Fitness[] fitnesses;
        final int[] ranks;
        final double[] crowding;
        int size;

        Population(int capacity) {
            genomes = new Genome[capacity];
            fitnesses = new Fitness[capacity];
            ranks = new int[capacity];
            crowding = new double[capacity];
        }

        void addAll(List<Genome> newGenomes, List<Fitness> newFitnesses) {
            for (int i = 0; i < newGenomes.size(); i++) {
                genomes[size] = newGenomes.get(i);
                fitnesses[size] = Objects.requireNonNull(newFitnesses.get(i), "evaluation returned null");
                size++;
            }
        }

        /** Ranks every member and computes crowding distances front by front. */
        void rankAll() {
            int[][] fronts = NonDominatedSorting.fronts(fitnesses, size);
            for (int rank = 0; rank < fronts.length; rank++) {
                for (int member : fronts[rank]) {
                    ranks[member] = rank;
                }
                CrowdingDistance.assign(fitnesses, fronts[rank], crowding);
            }
        }

        /** Environmental selection: keeps the {@code keep} best by rank, then crowding distance. */
        void keepBest(int keep) {
            int[][] fronts = NonDominatedSorting.fronts(fitnesses, size);
            int[] survivors = new int[keep];
            int kept = 0;
            for (int rank = 0; rank < fronts.length && kept < keep; rank++) {
                int[] front = fronts[rank];
                CrowdingDistance.assign(fitnesses, front, crowding);
                for (int member : front) {
                    ranks[member] = rank;
                }
                if (front.length > keep - kept) {
                    double[] keys = new double[front.length];
                    for (int i = 0; i < front.length; i++) {
                        keys[i] = -crowding[front[i]];
                    }
                    front = front.clone();
                    IndexSort.ascending(front, keys);
                }
                int take = Math.min(front.length, keep - kept);
                System.arraycopy(front, 0, survivors, kept, take);
                kept += take;
            }
            Genome[] g = new Genome[keep];
            Fitness[] f = new Fitness[keep];
            int[] r = new int[keep];
            double[] c = new double[keep];
            for (int i = 0; i < keep; i++) {
                int s = survivors[i];
                g[i] = genomes[s];
                f[i] = fitnesses[s];
                r[i] = ranks[s];
                c[i] = crowding[s];
            }
            System.arraycopy(g, 0, genomes, 0, keep);
            System.arraycopy(f, 0, fitnesses, 0, keep);
            System.arraycopy(r, 0, ranks, 0, keep);
            System.arraycopy(c, 0, crowding, 0, keep);
            for (int i = keep; i < size; i++) {
                genomes[i] = null;
                fitnesses[i] = null;
            }
            size = keep;
        }

        /** The index of the winner of a binary tournament between two distinct members. */
        int tournament(RandomGenerator random) {
            if (size == 1) {
                return 0;
            }
            int a = random.nextInt(size);
            int b = random.nextInt(size - 1);
            if (b >= a) {
                b++;
            }
            if (ranks[a] != ranks[b]) {
                return ranks[a] < ranks[b] ? a : b;
            }
            return crowding[b] > crowding[a] ? b : a;
        }

        List<Individual> individuals() {
            List<Individual> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(new Individual(genomes[i], fitnesses[i], ranks[i], crowding[i]));
            }
            return list;
        }
    }

    /** Settings of a run; every setting but the space and the evaluator has a default. */
    public static final class Builder {
        private final SearchSpace space;
        private Evaluator evaluator;
        private PairCrossover crossover;
        private double crossoverProbability = 0.9;
        private MutationOperator mutation;
        private Variation variation;
        private int populationSize = 100;
        private int maxEvaluations = 25_000;
        private long seed;
        private Task task = NO_TASK;
        private List<Genome> initialGenomes = List.of();

        private final Function<? super Genome, Fitness> evaluation;

        private Builder(SearchSpace space, Function<? super Genome, Fitness> evaluation) {
            this.space = Objects.requireNonNull(space, "space");
            this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
            this.evaluator = Evaluator.sequential(evaluation);
        }

        /**
         * Evaluates each generation's genomes concurrently on {@code executor} (the caller's to size
         * and shut down); see {@link Evaluator#concurrent}.
         */
        public Builder executor(ExecutorService executor) {
            this.evaluator = Evaluator.concurrent(evaluation, executor);
            return this;
        }

        /** Evaluates each generation's batch with {@code evaluator} instead of the evaluation function. */
        public Builder evaluator(Evaluator evaluator) {
            this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
            return this;
        }

        /** The crossover, one child per pair of parents. */
        public Builder crossover(CrossoverOperator crossover) {
            return crossover(PairCrossover.of(crossover));
        }

        /** The crossover, one or two children per pair of parents. */
        public Builder crossover(PairCrossover crossover) {
            this.crossover = Objects.requireNonNull(crossover, "crossover");
            return this;
        }

        /** The chance that a pair of parents is crossed rather than passed on; default 0.9. */
        public Builder crossoverProbability(double probability) {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("a probability must be in [0, 1], got " + probability);
            }
            this.crossoverProbability = probability;
            return this;
        }

        /** The mutation every child goes through (it may leave a child unchanged). */
        public Builder mutation(MutationOperator mutation) {
            this.mutation = Objects.requireNonNull(mutation, "mutation");
            return this;
        }

        /** {@code N}, the parent and offspring population size; default 100, at least 2. */
        public Builder populationSize(int populationSize) {
            if (populationSize < 2) {
                throw new IllegalArgumentException("the population needs at least 2 members, got " + populationSize);
            }
            this.populationSize = populationSize;
            return this;
        }

        /** The number of evaluations to spend, initial population included; default 25,000. */
        public Builder maxEvaluations(int maxEvaluations) {
            if (maxEvaluations < 1) {
                throw new IllegalArgumentException("the budget must be positive, got " + maxEvaluations);
            }
            this.maxEvaluations = maxEvaluations;
            return this;
        }

        /** The seed of the run's only random generator; default 0. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The task operators see (an LLM rewrite needs it); by default a neutral stand-in. */
        public Builder task(Task task) {
            this.task = Objects.requireNonNull(task, "task");
            return this;
        }

        /** Genomes that start in the initial population; random samples of the space fill the rest. */
        public Builder initialGenomes(List<Genome> genomes) {
            this.initialGenomes = List.copyOf(genomes);
            return this;
        }

        /**
         * The whole reproduction step in one, instead of {@link #crossover}, {@link
         * #crossoverProbability} and {@link #mutation} (which must then be left unset).
         */
        public Builder variation(Variation variation) {
            this.variation = Objects.requireNonNull(variation, "variation");
            return this;
        }

        public Nsga2 build() {
            return new Nsga2(this);
        }

        private Variation variation() {
            if (variation == null) {
                return Variation.of(crossover, crossoverProbability, mutation);
            }
            if (crossover != null || mutation != null) {
                throw new IllegalArgumentException("give either a variation or a crossover and a mutation, not both");
            }
            return variation;
        }
    }
}
