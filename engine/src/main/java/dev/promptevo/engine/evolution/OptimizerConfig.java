package dev.promptevo.engine.evolution;

import dev.promptevo.engine.execution.Budget;
import java.util.Objects;

/**
 * Settings of one optimization run. Made by {@link #defaults()} and the {@code with...} methods.
 *
 * @param populationSize candidates per generation
 * @param generations generations at most, the initial population counting as generation 0
 * @param eliteCount best candidates carried unchanged into the next generation
 * @param tournamentSize candidates drawn per tournament; the best of them is a parent
 * @param crossoverRate probability that a child is bred from two parents before it is mutated
 * @param seed the run's seed: selection, variation, the split and initial sampling draw from it alone
 * @param concurrency evaluations in flight at once
 * @param stagnationLimit stop after this many generations without a better best composite (under
 *     Pareto selection: without a new candidate on the run's Pareto front)
 * @param targetComposite stop once the best composite reaches this (the seed's 0.95)
 * @param minPassRateForFront a candidate must pass the gates on at least this share of examples to
 *     be feasible on the Pareto front (constraint-domination: feasible beats infeasible)
 * @param holdoutFraction share of examples kept out of the search and used to re-score the best
 * @param adaptiveOperators pick operators by Thompson sampling over their success (else uniformly)
 * @param earlyRejection how new candidates are raced against the incumbent on growing rungs of
 *     examples before the full set
 * @param selection how parents and survivors are chosen: by composite score, or NSGA-II over the
 *     run's objectives with the gates as constraints
 */
public record OptimizerConfig(
        int populationSize,
        int generations,
        int eliteCount,
        int tournamentSize,
        double crossoverRate,
        long seed,
        int concurrency,
        int stagnationLimit,
        double targetComposite,
        double minPassRateForFront,
        double holdoutFraction,
        boolean adaptiveOperators,
        EarlyRejection earlyRejection,
        Selection selection,
        Budget budget) {

    /** How parents and survivors are chosen. */
    public enum Selection {
        /** Elitism and tournaments on the composite score. */
        COMPOSITE,
        /**
         * NSGA-II (Deb et al. 2002): non-dominated sorting with constraint-domination, crowding
         * distance, crowded binary tournaments, (mu + lambda) replacement. Early rejection races
         * against the first front, on quality, with the other objectives protecting trade-offs.
         */
        PARETO
    }

    /**
     * Racing new candidates against the incumbent on growing, nested, stratified rungs of training
     * examples before they get the whole set.
     *
     * <p>The rungs follow successive halving's geometric budgets (K. Jamieson and A. Talwalkar,
     * "Non-stochastic best arm identification and hyperparameter optimization", AISTATS 2016; L. Li et
     * al., "Hyperband", JMLR 18(185), 2018, section 3: budgets {@code r * eta^k}): {@code firstRung}
     * examples, then {@code growth} times as many, and so on while fewer than the training set, then
     * all of it; with 260 training examples and the defaults, 20, 60, 180, 260. The decision at a rung
     * is racing's, not successive halving's top-{@code 1/eta} cut, since a generation's children do not
     * compete with each other for a fixed number of slots but with the incumbent (the population's
     * {@code eliteCount}-th best, or the base genome in generation 0): a candidate is dropped once it
     * is worse than the incumbent with confidence (O. Maron and A. Moore, "Hoeffding races", NIPS
     * 1993). As in F-Race (M. Birattari et al., "A racing algorithm for configuring metaheuristics",
     * GECCO 2002, section 3) the comparison is blocked on the examples: the bound is on the mean of the
     * paired differences {@code d_i = score(candidate, i) - score(incumbent, i)} over the rung's
     * examples, so what makes an example hard for both cancels out, and the bound is narrower than
     * two separate ones. A candidate is dropped when {@code mean(d) + z * sd(d) / sqrt(n) < 0}; while
     * the interval still holds 0 the two are tied, and a tie is never decided on point means: the
     * candidate goes on to the next rung. Under Pareto selection the rivals are the population's
     * first front, and a candidate is dropped once a rival is better with confidence on quality and
     * the candidate is better with confidence on no other objective (after S-Race, T. Zhang et al.,
     * GECCO 2013, which drops a candidate dominated with statistical confidence; here only quality,
     * the noisy objective racing is for, can drop, and cost and latency can only keep a candidate),
     * so the cheap and fast end of the front is not raced away for its lower quality. A normal bound, not Hoeffding's, since at the 20-example
     * rung Hoeffding's for differences in [-1, 1] is wider than 0.5 and would never drop anything.
     *
     * @param firstRung examples in the first rung
     * @param growth each rung has this many times the examples of the one before
     * @param z the one-sided normal quantile of the bound (1.645: 5% per rung)
     */
    public record EarlyRejection(boolean enabled, int firstRung, double growth, double z) {
        public static final EarlyRejection OFF = new EarlyRejection(false, 0, 0, 0);
        public static final EarlyRejection DEFAULT = new EarlyRejection(true, 20, 3, 1.645);

        public EarlyRejection {
            if (enabled && (firstRung < 2 || !(growth > 1) || !(z >= 0))) {
                throw new IllegalArgumentException("early rejection needs firstRung >= 2, growth > 1 and z >= 0");
            }
        }

        /** The rungs' sizes below {@code trainSize}, smallest first; empty when off. */
        public java.util.List<Integer> rungSizes(int trainSize) {
            java.util.List<Integer> sizes = new java.util.ArrayList<>();
            if (!enabled) {
                return sizes;
            }
            for (double size = firstRung; size < trainSize; size *= growth) {
                int rounded = (int) Math.round(size);
                if (rounded < trainSize && (sizes.isEmpty() || rounded > sizes.get(sizes.size() - 1))) {
                    sizes.add(rounded);
                }
            }
            return sizes;
        }
    }

    public OptimizerConfig {
        if (populationSize < 2) {
            throw new IllegalArgumentException("populationSize must be >= 2");
        }
        if (generations < 1) {
            throw new IllegalArgumentException("generations must be >= 1");
        }
        if (eliteCount < 0 || eliteCount >= populationSize) {
            throw new IllegalArgumentException("eliteCount must be in [0, populationSize)");
        }
        if (tournamentSize < 1) {
            throw new IllegalArgumentException("tournamentSize must be >= 1");
        }
        if (!(crossoverRate >= 0 && crossoverRate <= 1)) {
            throw new IllegalArgumentException("crossoverRate must be in [0, 1]");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1");
        }
        if (stagnationLimit < 1) {
            throw new IllegalArgumentException("stagnationLimit must be >= 1");
        }
        if (!(holdoutFraction >= 0 && holdoutFraction < 1)) {
            throw new IllegalArgumentException("holdoutFraction must be in [0, 1)");
        }
        Objects.requireNonNull(earlyRejection, "earlyRejection");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(budget, "budget");
    }

    public static OptimizerConfig defaults() {
        return new OptimizerConfig(
                16,
                12,
                2,
                3,
                0.5,
                42,
                32,
                5,
                0.95,
                0.5,
                0.2,
                true,
                EarlyRejection.DEFAULT,
                Selection.COMPOSITE,
                Budget.UNLIMITED);
    }

    /** A mutable copy to change a few settings of; {@code with...} methods are one-line uses of it. */
    private final class Copy {
        private int populationSize = OptimizerConfig.this.populationSize;
        private int generations = OptimizerConfig.this.generations;
        private int eliteCount = OptimizerConfig.this.eliteCount;
        private int tournamentSize = OptimizerConfig.this.tournamentSize;
        private double crossoverRate = OptimizerConfig.this.crossoverRate;
        private long seed = OptimizerConfig.this.seed;
        private int concurrency = OptimizerConfig.this.concurrency;
        private int stagnationLimit = OptimizerConfig.this.stagnationLimit;
        private double targetComposite = OptimizerConfig.this.targetComposite;
        private double minPassRateForFront = OptimizerConfig.this.minPassRateForFront;
        private double holdoutFraction = OptimizerConfig.this.holdoutFraction;
        private boolean adaptiveOperators = OptimizerConfig.this.adaptiveOperators;
        private EarlyRejection earlyRejection = OptimizerConfig.this.earlyRejection;
        private Selection selection = OptimizerConfig.this.selection;
        private Budget budget = OptimizerConfig.this.budget;

        OptimizerConfig build() {
            return new OptimizerConfig(
                    populationSize,
                    generations,
                    eliteCount,
                    tournamentSize,
                    crossoverRate,
                    seed,
                    concurrency,
                    stagnationLimit,
                    targetComposite,
                    minPassRateForFront,
                    holdoutFraction,
                    adaptiveOperators,
                    earlyRejection,
                    selection,
                    budget);
        }
    }

    public OptimizerConfig withPopulationSize(int value) {
        Copy c = new Copy();
        c.populationSize = value;
        c.eliteCount = Math.min(eliteCount, value - 1);
        return c.build();
    }

    public OptimizerConfig withGenerations(int value) {
        Copy c = new Copy();
        c.generations = value;
        return c.build();
    }

    public OptimizerConfig withSeed(long value) {
        Copy c = new Copy();
        c.seed = value;
        return c.build();
    }

    public OptimizerConfig withConcurrency(int value) {
        Copy c = new Copy();
        c.concurrency = value;
        return c.build();
    }

    public OptimizerConfig withStagnationLimit(int value) {
        Copy c = new Copy();
        c.stagnationLimit = value;
        return c.build();
    }

    public OptimizerConfig withTargetComposite(double value) {
        Copy c = new Copy();
        c.targetComposite = value;
        return c.build();
    }

    public OptimizerConfig withHoldoutFraction(double value) {
        Copy c = new Copy();
        c.holdoutFraction = value;
        return c.build();
    }

    public OptimizerConfig withAdaptiveOperators(boolean value) {
        Copy c = new Copy();
        c.adaptiveOperators = value;
        return c.build();
    }

    public OptimizerConfig withEarlyRejection(EarlyRejection value) {
        Copy c = new Copy();
        c.earlyRejection = value;
        return c.build();
    }

    public OptimizerConfig withSelection(Selection value) {
        Copy c = new Copy();
        c.selection = value;
        return c.build();
    }

    public OptimizerConfig withBudget(Budget value) {
        Copy c = new Copy();
        c.budget = value;
        return c.build();
    }
}
