package dev.promptevo.api.eval;

/**
 * What one execution of a genome on one example measured (the seed's record).
 *
 * @param schemaOk the (possibly repaired) output parsed and matched the task's JSON Schema
 * @param safetyFlags how many safety rules the output broke
 * @param validatorScore in [0, 1], from the task's validators (1 when none apply)
 * @param accuracy in [0, 1], agreement with the expected output (per field)
 * @param latencyMs wall time of the model calls (the slowest one under consensus)
 * @param tokensTotal prompt plus completion tokens of every call
 * @param repairs how many repairs the output needed to parse
 * @param costUsd the price of every call
 */
public record ExecutionMetrics(
        boolean schemaOk,
        int safetyFlags,
        double validatorScore,
        double accuracy,
        double latencyMs,
        long tokensTotal,
        int repairs,
        double costUsd) {

    public ExecutionMetrics {
        if (safetyFlags < 0 || repairs < 0 || tokensTotal < 0 || latencyMs < 0 || costUsd < 0) {
            throw new IllegalArgumentException("counts, latency and cost must be >= 0");
        }
        if (!(validatorScore >= 0 && validatorScore <= 1 && accuracy >= 0 && accuracy <= 1)) {
            throw new IllegalArgumentException("validatorScore and accuracy must be in [0, 1]");
        }
    }

    /** The metrics of a call that produced nothing usable, keeping what it spent. */
    public static ExecutionMetrics failed(double latencyMs, long tokensTotal, double costUsd) {
        return new ExecutionMetrics(false, 0, 0.0, 0.0, latencyMs, tokensTotal, 0, costUsd);
    }
}
