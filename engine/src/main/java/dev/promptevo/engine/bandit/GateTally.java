package dev.promptevo.engine.bandit;

import java.util.Set;

/**
 * An arm's gate outcomes since it was last resumed (or created).
 *
 * @param checks decisions whose gate outcome was recorded
 * @param schemaFailures of those, how many failed the schema gate
 * @param safetyFailures of those, how many failed the safety gate
 */
public record GateTally(long checks, long schemaFailures, long safetyFailures) {
    public static final GateTally EMPTY = new GateTally(0, 0, 0);

    public GateTally {
        if (checks < 0 || schemaFailures < 0 || safetyFailures < 0) {
            throw new IllegalArgumentException("gate counts must be >= 0");
        }
        if (schemaFailures > checks || safetyFailures > checks) {
            throw new IllegalArgumentException("a gate cannot fail more often than it was checked");
        }
    }

    public long failures(Gate gate) {
        return switch (gate) {
            case SCHEMA -> schemaFailures;
            case SAFETY -> safetyFailures;
        };
    }

    /** The share of checks that failed {@code gate}; 0 before the first check. */
    public double failureRate(Gate gate) {
        return checks == 0 ? 0.0 : (double) failures(gate) / checks;
    }

    GateTally plus(Set<Gate> failed) {
        return new GateTally(
                checks + 1,
                schemaFailures + (failed.contains(Gate.SCHEMA) ? 1 : 0),
                safetyFailures + (failed.contains(Gate.SAFETY) ? 1 : 0));
    }
}
