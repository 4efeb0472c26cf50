package dev.promptevo.api.eval;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One genome run on one example: the output, its metrics, and why it fell short.
 *
 * @param output the final (repaired, voted) output text; empty when the call failed
 * @param failures human-readable reasons from the validators (schema errors, wrong fields, flags)
 * @param error set when the backend call itself failed (timeout, rate limit, budget)
 * @param agreement under consensus, the mean share of samples that voted for each winning field;
 *     empty for a single call
 */
public record Evaluation(
        String genomeId,
        String exampleId,
        String output,
        ExecutionMetrics metrics,
        List<String> failures,
        Optional<String> error,
        OptionalDouble agreement) {

    public Evaluation {
        Objects.requireNonNull(genomeId, "genomeId");
        Objects.requireNonNull(exampleId, "exampleId");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(metrics, "metrics");
        failures = List.copyOf(failures);
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(agreement, "agreement");
    }

    /** An evaluation of a single call (no consensus). */
    public Evaluation(
            String genomeId,
            String exampleId,
            String output,
            ExecutionMetrics metrics,
            List<String> failures,
            Optional<String> error) {
        this(genomeId, exampleId, output, metrics, failures, error, OptionalDouble.empty());
    }

    public boolean failedToRun() {
        return error.isPresent();
    }
}
