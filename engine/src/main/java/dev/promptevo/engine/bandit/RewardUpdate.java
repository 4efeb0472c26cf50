package dev.promptevo.engine.bandit;

/** How a reward in [0, 1] updates an arm's Beta posterior. */
public enum RewardUpdate {
    /**
     * {@code alpha += r, beta += 1 - r}: the seed's rule. Deterministic, so concurrent rewards commute
     * and a posterior is the same whatever order they arrive in. The default; see {@link ThompsonBandit}
     * for the measurement behind the choice.
     */
    FRACTIONAL,
    /**
     * Agrawal and Goyal (COLT 2012, Algorithm 2): draw {@code b ~ Bernoulli(r)} and update with {@code b},
     * so the posterior stays a true Beta posterior of Bernoulli observations whatever the reward's
     * distribution in [0, 1]. The draw is seeded by the reward's position in the bandit's reward order.
     */
    BERNOULLI_TRICK
}
