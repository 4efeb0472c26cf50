package dev.promptevo.engine.evolution;

import dev.promptevo.engine.execution.Budget;
import java.util.Objects;

/**
 * Settings of one optimization run.
 *
 * @param populationSize candidates per generation
 * @param generations generations at most, the initial population counting as generation 0
 * @param eliteCount best candidates carried unchanged into the next generation
 * @param tournamentSize candidates drawn per tournament; the best of them is a parent
 * @param crossoverRate probability that a child is bred from two parents before it is mutated
 * @param seed the run's seed: selection, variation and initial sampling draw from it alone
 * @param concurrency evaluations in flight at once
 * @param stagnationLimit stop after this many generations without a better best composite
 * @param targetComposite stop once the best composite reaches this (the seed's 0.95)
 * @param minPassRateForFront a candidate must pass the gates on at least this share of examples to
 *     be feasible on the Pareto front (constraint-domination: feasible beats infeasible)
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
        Budget budget) {

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
        Objects.requireNonNull(budget, "budget");
    }

    public static OptimizerConfig defaults() {
        return new OptimizerConfig(16, 12, 2, 3, 0.5, 42, 32, 5, 0.95, 0.5, Budget.UNLIMITED);
    }

    public OptimizerConfig withSeed(long value) {
        return new OptimizerConfig(
                populationSize,
                generations,
                eliteCount,
                tournamentSize,
                crossoverRate,
                value,
                concurrency,
                stagnationLimit,
                targetComposite,
                minPassRateForFront,
                budget);
    }

    public OptimizerConfig withPopulationSize(int value) {
        return new OptimizerConfig(
                value,
                generations,
                Math.min(eliteCount, value - 1),
                tournamentSize,
                crossoverRate,
                seed,
                concurrency,
                stagnationLimit,
                targetComposite,
                minPassRateForFront,
                budget);
    }

    public OptimizerConfig withGenerations(int value) {
        return new OptimizerConfig(
                populationSize,
                value,
                eliteCount,
                tournamentSize,
                crossoverRate,
                seed,
                concurrency,
                stagnationLimit,
                targetComposite,
                minPassRateForFront,
                budget);
    }

    public OptimizerConfig withConcurrency(int value) {
        return new OptimizerConfig(
                populationSize,
                generations,
                eliteCount,
                tournamentSize,
                crossoverRate,
                seed,
                value,
                stagnationLimit,
                targetComposite,
                minPassRateForFront,
                budget);
    }

    public OptimizerConfig withStagnationLimit(int value) {
        return new OptimizerConfig(
                populationSize,
                generations,
                eliteCount,
                tournamentSize,
                crossoverRate,
                seed,
                concurrency,
                value,
                targetComposite,
                minPassRateForFront,
                budget);
    }

    public OptimizerConfig withTargetComposite(double value) {
        return new OptimizerConfig(
                populationSize,
                generations,
                eliteCount,
                tournamentSize,
                crossoverRate,
                seed,
                concurrency,
                stagnationLimit,
                value,
                minPassRateForFront,
                budget);
    }

    public OptimizerConfig withBudget(Budget value) {
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
                value);
    }
}
