package dev.promptevo.api.task;

import dev.promptevo.api.eval.ExecutionMetrics;

/**
 * Weights of the composite score of one evaluated example:
 *
 * <pre>score = max(0, gates - perLatencyMs * latencyMs - perToken * tokens - perUsd * costUsd - perRepair * repairs)</pre>
 *
 * where {@code gates} is 1 when every gate passes and 0 otherwise. A candidate's fitness is the mean
 * over its examples.
 *
 * <p>Two presets: {@link #SEED} is the seed's per-millisecond and per-token weights, which floor any
 * real call (0.5-3 s, hundreds of tokens) at 0 and flatten the landscape; {@link #budgeted} is the
 * default, where a call that spends exactly its latency, token or cost budget loses {@code share} of
 * its score for each budget it meets.
 */
public record ScoringWeights(String preset, double perLatencyMs, double perToken, double perUsd, double perRepair) {

    /** The seed's weights: 0.001 per ms, 0.0005 per token, 0.2 per repair. */
    public static final ScoringWeights SEED = new ScoringWeights("seed", 0.001, 0.0005, 0.0, 0.2);

    public ScoringWeights {
        if (perLatencyMs < 0 || perToken < 0 || perUsd < 0 || perRepair < 0) {
            throw new IllegalArgumentException("scoring weights must be >= 0");
        }
    }

    /**
     * Scale-aware weights: a call at {@code latencyBudgetMs}, {@code tokenBudget} or {@code
     * costBudgetUsd} loses {@code share} of its score for each; a repair costs {@code perRepair}.
     */
    public static ScoringWeights budgeted(
            double latencyBudgetMs, double tokenBudget, double costBudgetUsd, double share, double perRepair) {
        if (!(latencyBudgetMs > 0 && tokenBudget > 0 && costBudgetUsd > 0)) {
            throw new IllegalArgumentException("budgets must be > 0");
        }
        return new ScoringWeights(
                "budgeted", share / latencyBudgetMs, share / tokenBudget, share / costBudgetUsd, perRepair);
    }

    public double score(ExecutionMetrics metrics, Gates gates) {
        double base = gates.passes(metrics) ? 1.0 : 0.0;
        double penalty = perLatencyMs * metrics.latencyMs()
                + perToken * metrics.tokensTotal()
                + perUsd * metrics.costUsd()
                + perRepair * metrics.repairs();
        return Math.max(0.0, base - penalty);
    }
}
