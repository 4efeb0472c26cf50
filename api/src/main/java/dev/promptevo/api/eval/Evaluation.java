package dev.promptevo.api.eval;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One genome run on one example: the output, its metrics, and why it fell short.
 *
 * @param output the final (repaired, voted) output text; empty when the call failed
 * @param failures human-readable reasons from the validators (schema errors, wrong fields, flags)
 * @param error set when the backend call itself failed (timeout, rate limit, budget)
 */
public record Evaluation(
        String genomeId,
        String exampleId,
        String output,
        ExecutionMetrics metrics,
        List<String> failures,
        Optional<String> error) {

    public Evaluation {
        Objects.requireNonNull(genomeId, "genomeId");
        Objects.requireNonNull(exampleId, "exampleId");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(metrics, "metrics");
        failures = List.copyOf(failures);
        Objects.requireNonNull(error, "error");
    }

    public boolean failedToRun() {
        return error.isPresent();
    }
}
