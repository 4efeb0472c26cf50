package dev.promptevo.engine.bandit;

import java.util.Objects;
import java.util.Optional;

/**
 * One arm's posterior and record at one moment.
 *
 * @param alpha the posterior's first parameter (1 + successes, discounted, warm start included)
 * @param beta the posterior's second parameter (1 + failures, discounted, warm start included)
 * @param rewards rewards observed (undiscounted, warm start excluded)
 * @param decisions decisions routed to it
 * @param mean the posterior mean {@code alpha / (alpha + beta)}
 * @param credibleLower the 2.5% quantile of the posterior
 * @param credibleUpper the 97.5% quantile of the posterior
 * @param probabilityBest the probability that it is the best of the active arms (0 when paused)
 * @param expectedLoss the expected value of {@code max over active arms - this arm} (Monte Carlo)
 * @param trafficShare the share of non-sticky decisions it gets now: floor, rollout split and Thompson
 *     sampling combined (0 when paused)
 * @param alert a guardrail breach that did not pause it, because it is the last active arm
 */
public record ArmStatistics(
        String armId,
        ArmStatus status,
        Optional<Pause> pause,
        Optional<String> alert,
        boolean production,
        double alpha,
        double beta,
        long rewards,
        long decisions,
        double mean,
        double credibleLower,
        double credibleUpper,
        double probabilityBest,
        double expectedLoss,
        double trafficShare,
        GateTally gates) {

    public ArmStatistics {
        Objects.requireNonNull(armId, "armId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(pause, "pause");
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(gates, "gates");
    }
}
