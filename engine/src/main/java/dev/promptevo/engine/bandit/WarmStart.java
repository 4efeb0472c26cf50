package dev.promptevo.engine.bandit;

/**
 * What an offline evaluation says about an arm before it serves: its mean score in [0, 1] over
 * {@code evaluations} examples. The bandit turns it into at most {@link BanditConfig#warmStartCap()}
 * pseudo-observations, so that a golden set, however large, cannot outweigh live traffic for long.
 */
public record WarmStart(double meanScore, long evaluations) {
    /** No offline evidence: the arm starts from the flat Beta(1, 1) prior. */
    public static final WarmStart NONE = new WarmStart(0.5, 0);

    public WarmStart {
        if (!(meanScore >= 0 && meanScore <= 1)) {
            throw new IllegalArgumentException("warm start meanScore must be in [0, 1], got " + meanScore);
        }
        if (evaluations < 0) {
            throw new IllegalArgumentException("warm start evaluations must be >= 0, got " + evaluations);
        }
    }

    double pseudoCount(double cap) {
        return Math.min(evaluations, cap);
    }
}
