package dev.promptevo.web.interfaces.rest.dto;

import dev.promptevo.api.eval.Evaluation;
import dev.promptevo.api.eval.ExecutionMetrics;
import java.util.List;

/**
 * One candidate's evaluation on one training example.
 *
 * @param index the example's place among the run's training examples
 * @param output the final (repaired, voted) output; empty when the call failed
 * @param metrics what the evaluation measured, repairs included
 * @param failures why the output fell short (schema errors, wrong fields, safety flags)
 * @param error why the model call itself failed, when it did
 * @param agreement under consensus, the mean share of samples that voted for each winning field
 */
public record EvaluationView(
        int index,
        String exampleId,
        String output,
        ExecutionMetrics metrics,
        List<String> failures,
        String error,
        Double agreement) {
    public static EvaluationView of(int index, Evaluation e) {
        return new EvaluationView(
                index,
                e.exampleId(),
                e.output(),
                e.metrics(),
                e.failures(),
                e.error().orElse(null),
                e.agreement().isPresent() ? e.agreement().getAsDouble() : null);
    }
}
