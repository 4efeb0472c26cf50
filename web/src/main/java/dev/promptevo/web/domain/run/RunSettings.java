package dev.promptevo.web.domain.run;

import dev.promptevo.engine.evolution.OptimizerConfig;
import dev.promptevo.engine.execution.Budget;
import dev.promptevo.web.domain.InvalidInputException;
import dev.promptevo.web.domain.Violation;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The search settings of one run, checked: every field has the engine's default when absent.
 *
 * @param maxWallTime ISO-8601 ({@code PT5M}) when given
 */
public record RunSettings(
        int population,
        int generations,
        long seed,
        int concurrency,
        int stagnationLimit,
        double targetComposite,
        OptionalLong maxCalls,
        OptionalDouble maxUsd,
        Optional<Duration> maxWallTime) {

    /** What a client may set; {@code null} means the default. */
    public record Request(
            Integer population,
            Integer generations,
            Long seed,
            Integer concurrency,
            Integer stagnationLimit,
            Double targetComposite,
            Long maxCalls,
            Double maxUsd,
            String maxWallTime) {}

    /**
     * Checks a request against the engine's rules and the server's limits, naming every field at
     * fault ({@code budget.*} for the budget fields).
     */
    public static RunSettings of(Request r, RunLimits limits) {
        OptimizerConfig defaults = OptimizerConfig.defaults();
        List<Violation> violations = new ArrayList<>();
        int population =
                within(violations, "population", r.population(), defaults.populationSize(), 2, limits.maxPopulation());
        int generations =
                within(violations, "generations", r.generations(), defaults.generations(), 1, limits.maxGenerations());
        int concurrency = within(
                violations,
                "concurrency",
                r.concurrency(),
                Math.min(defaults.concurrency(), limits.maxConcurrency()),
                1,
                limits.maxConcurrency());
        int stagnation = within(
                violations,
                "stagnationLimit",
                r.stagnationLimit(),
                defaults.stagnationLimit(),
                1,
                limits.maxGenerations());
        double target = fraction(violations, "targetComposite", r.targetComposite(), defaults.targetComposite());
        OptionalLong maxCalls = OptionalLong.empty();
        if (r.maxCalls() != null) {
            if (r.maxCalls() < 1) {
                violations.add(new Violation("budget.maxCalls", "must be >= 1, got " + r.maxCalls()));
            } else {
                maxCalls = OptionalLong.of(r.maxCalls());
            }
        }
        OptionalDouble maxUsd = OptionalDouble.empty();
        if (r.maxUsd() != null) {
            if (!(r.maxUsd() > 0) || r.maxUsd().isInfinite()) {
                violations.add(new Violation("budget.maxUsd", "must be a positive number, got " + r.maxUsd()));
            } else {
                maxUsd = OptionalDouble.of(r.maxUsd());
            }
        }
        Optional<Duration> wall = Optional.empty();
        if (r.maxWallTime() != null) {
            try {
                Duration d = Duration.parse(r.maxWallTime());
                if (d.isNegative() || d.isZero()) {
                    violations.add(
                            new Violation("budget.maxWallTime", "must be a positive duration, got " + r.maxWallTime()));
                } else {
                    wall = Optional.of(d);
                }
            } catch (DateTimeParseException e) {
                violations.add(new Violation(
                        "budget.maxWallTime",
                        "must be an ISO-8601 duration such as PT5M, got '" + r.maxWallTime() + "'"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return new RunSettings(
                population,
                generations,
                r.seed() == null ? defaults.seed() : r.seed(),
                concurrency,
                stagnation,
                target,
                maxCalls,
                maxUsd,
                wall);
    }

    /** The settings as a fully filled request: what a run stores, and what {@link #of} reads back. */
    public Request toRequest() {
        return new Request(
                population,
                generations,
                seed,
                concurrency,
                stagnationLimit,
                targetComposite,
                maxCalls.isPresent() ? maxCalls.getAsLong() : null,
                maxUsd.isPresent() ? maxUsd.getAsDouble() : null,
                maxWallTime.map(Duration::toString).orElse(null));
    }

    public Budget budget() {
        return new Budget(maxCalls, maxUsd, maxWallTime);
    }

    /**
     * The engine's configuration: its defaults with these settings applied (through its {@code with*}
     * methods only, so that settings the engine adds keep their defaults).
     */
    public OptimizerConfig toOptimizerConfig() {
        return OptimizerConfig.defaults()
                .withPopulationSize(population)
                .withGenerations(generations)
                .withSeed(seed)
                .withConcurrency(concurrency)
                .withStagnationLimit(stagnationLimit)
                .withTargetComposite(targetComposite)
                .withBudget(budget());
    }

    private static int within(List<Violation> violations, String field, Integer value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            violations.add(new Violation(field, "must be between " + min + " and " + max + ", got " + value));
            return fallback;
        }
        return value;
    }

    private static double fraction(List<Violation> violations, String field, Double value, double fallback) {
        if (value == null) {
            return fallback;
        }
        if (!(value >= 0 && value <= 1)) {
            violations.add(new Violation(field, "must be in [0, 1], got " + value));
            return fallback;
        }
        return value;
    }
}
