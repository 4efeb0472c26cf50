package dev.promptevo.web.domain.run;

import dev.promptevo.engine.evolution.OptimizerConfig;
import dev.promptevo.engine.execution.Budget;
import dev.promptevo.web.domain.InvalidInputException;
import dev.promptevo.web.domain.JsonInput;
import dev.promptevo.web.domain.Violation;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The search settings of one run, checked: every field has the engine's default when absent.
 *
 * @param maxWallTime ISO-8601 ({@code PT5M}) when given
 * @param mutations the mutation operators the run may use, by plugin id; empty for every installed one
 * @param crossovers the crossover operators the run may use, by plugin id; empty for every installed one
 * @param validators validators to score with beyond those on by default, by plugin id
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
        Optional<Duration> maxWallTime,
        List<String> mutations,
        List<String> crossovers,
        List<String> validators) {

    /** Most plugin ids a run may name in one list. */
    public static final int MAX_PLUGIN_IDS = 100;

    private static final int MAX_PLUGIN_ID_LENGTH = 200;

    public RunSettings {
        mutations = List.copyOf(mutations);
        crossovers = List.copyOf(crossovers);
        validators = List.copyOf(validators);
    }

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
            String maxWallTime,
            List<String> mutations,
            List<String> crossovers,
            List<String> validators) {

        /** A request that leaves the choice of plugins to the server. */
        public Request(
                Integer population,
                Integer generations,
                Long seed,
                Integer concurrency,
                Integer stagnationLimit,
                Double targetComposite,
                Long maxCalls,
                Double maxUsd,
                String maxWallTime) {
            this(
                    population,
                    generations,
                    seed,
                    concurrency,
                    stagnationLimit,
                    targetComposite,
                    maxCalls,
                    maxUsd,
                    maxWallTime,
                    null,
                    null,
                    null);
        }
    }

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
        List<String> mutations = pluginIds(violations, "mutations", r.mutations());
        List<String> crossovers = pluginIds(violations, "crossovers", r.crossovers());
        List<String> validators = pluginIds(violations, "validators", r.validators());
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
                wall,
                mutations,
                crossovers,
                validators);
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
                maxWallTime.map(Duration::toString).orElse(null),
                mutations,
                crossovers,
                validators);
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

    /** Plugin ids as given, each a non-blank string named once; whether they are installed is checked elsewhere. */
    private static List<String> pluginIds(List<Violation> violations, String field, List<String> ids) {
        if (ids == null) {
            return List.of();
        }
        if (ids.size() > MAX_PLUGIN_IDS) {
            violations.add(new Violation(field, "must name at most " + MAX_PLUGIN_IDS + " plugins, got " + ids.size()));
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String at = JsonInput.index(field, i);
            if (id == null || id.isBlank()) {
                violations.add(
                        new Violation(at, "must be a plugin id, got " + (id == null ? "null" : "a blank string")));
            } else if (id.length() > MAX_PLUGIN_ID_LENGTH) {
                violations.add(new Violation(at, "must have at most " + MAX_PLUGIN_ID_LENGTH + " characters"));
            } else if (!seen.add(id)) {
                violations.add(new Violation(at, "names '" + id + "' a second time"));
            }
        }
        return ids;
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
