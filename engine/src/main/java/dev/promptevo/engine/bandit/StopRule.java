package dev.promptevo.engine.bandit;

/**
 * When an experiment has a winner: an active arm whose probability to be the best is at least
 * {@code minProbabilityBest} and that has at least {@code minRewards} rewards of its own (a posterior
 * built on a handful of rewards can look certain by chance, and warm-start pseudo-counts are not
 * rewards). Following S. L. Scott, "A modern Bayesian look at the multi-armed bandit" (Applied
 * Stochastic Models in Business and Industry, 2010), section 4.
 */
public record StopRule(double minProbabilityBest, long minRewards) {
    public static final StopRule DEFAULT = new StopRule(0.95, 500);

    public StopRule {
        if (!(minProbabilityBest > 0 && minProbabilityBest <= 1)) {
            throw new IllegalArgumentException("minProbabilityBest must be in (0, 1], got " + minProbabilityBest);
        }
        if (minRewards < 0) {
            throw new IllegalArgumentException("minRewards must be >= 0, got " + minRewards);
        }
    }
}
