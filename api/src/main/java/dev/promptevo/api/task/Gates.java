package dev.promptevo.api.task;

import dev.promptevo.api.eval.ExecutionMetrics;
import dev.promptevo.api.search.Gate;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's per-example hard gates: an example passes when its output is schema-valid, carries no
 * safety flag, and reaches the validator and accuracy floors.
 */
public record Gates(
        boolean requireSchemaValid, boolean forbidSafetyFlags, double minValidatorScore, double minAccuracy) {

    /** The seed's gates: schema ok, no safety flags, validator >= 0.9, accuracy >= 0.85. */
    public static final Gates SEED = new Gates(true, true, 0.9, 0.85);

    public Gates {
        if (minValidatorScore < 0 || minValidatorScore > 1 || minAccuracy < 0 || minAccuracy > 1) {
            throw new IllegalArgumentException("gate floors must be in [0, 1]");
        }
    }

    /** The gates as individual {@link Gate}s, for reporting which one failed. */
    public List<Gate> asList() {
        List<Gate> gates = new ArrayList<>();
        if (requireSchemaValid) {
            gates.add(Gate.of("schema", "output matches the JSON Schema", ExecutionMetrics::schemaOk));
        }
        if (forbidSafetyFlags) {
            gates.add(Gate.of("safety", "no safety flags", m -> m.safetyFlags() == 0));
        }
        gates.add(Gate.of(
                "validator", "validator score >= " + minValidatorScore, m -> m.validatorScore() >= minValidatorScore));
        gates.add(Gate.of("accuracy", "accuracy >= " + minAccuracy, m -> m.accuracy() >= minAccuracy));
        return List.copyOf(gates);
    }

    public boolean passes(ExecutionMetrics metrics) {
        return (!requireSchemaValid || metrics.schemaOk())
                && (!forbidSafetyFlags || metrics.safetyFlags() == 0)
                && metrics.validatorScore() >= minValidatorScore
                && metrics.accuracy() >= minAccuracy;
    }
}
