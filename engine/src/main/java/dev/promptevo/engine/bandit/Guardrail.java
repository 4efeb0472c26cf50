package dev.promptevo.engine.bandit;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Pauses an arm whose share of decisions failing {@code gate} exceeds {@code maxFailureRate}, once at
 * least {@code minChecks} decisions of it were checked (fewer would pause good arms on bad luck).
 */
public record Guardrail(Gate gate, double maxFailureRate, long minChecks) {

    public Guardrail {
        Objects.requireNonNull(gate, "gate");
        if (!(maxFailureRate >= 0 && maxFailureRate < 1)) {
            throw new IllegalArgumentException("guardrail maxFailureRate must be in [0, 1), got " + maxFailureRate);
        }
        if (minChecks < 1) {
            throw new IllegalArgumentException("guardrail minChecks must be >= 1, got " + minChecks);
        }
    }

    /** Why {@code tally} breaches this guardrail, or empty if it does not. */
    public Optional<String> breach(GateTally tally) {
        if (tally.checks() < minChecks || tally.failureRate(gate) <= maxFailureRate) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                Locale.ROOT,
                "%s gate failed %d of %d checks (%.1f%%), above the %.1f%% limit",
                gate.name().toLowerCase(Locale.ROOT),
                tally.failures(gate),
                tally.checks(),
                100 * tally.failureRate(gate),
                100 * maxFailureRate));
    }
}
