package dev.promptevo.engine.bandit;

import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link ThompsonBandit}. Made by {@link #defaults()} (or {@link #plain(long)}) and the
 * {@code with...} methods.
 *
 * @param seed every random draw of the bandit (decisions, Bernoulli-trick rewards, Monte Carlo
 *     statistics) comes from this seed and the position of the draw, so a bandit replays
 * @param rewardUpdate how a reward updates the posterior
 * @param warmStartCap at most this many pseudo-observations from an offline evaluation
 * @param productionShare during a rollout, the production arm's share of the split; the other active
 *     arms share the rest equally
 * @param splitHandoverRewards the rollout's pace: a decision follows the split with probability
 *     {@code h / (h + n)}, {@code n} being the rewards observed since the rollout began, and Thompson
 *     sampling otherwise; after {@code h} rewards the two have equal say. 0 turns the split off
 * @param trafficFloor every active arm gets at least this share of (non-sticky) traffic; with
 *     {@code K} active arms and {@code K * floor > 1}, all traffic is uniform
 * @param discount the factor {@code gamma} in (0, 1] by which evidence shrinks per reward the bandit
 *     observes (on any arm); 1 keeps all evidence, below 1 follows drifting rewards
 * @param guardrails the gate-failure limits that pause an arm automatically
 * @param stopRule when an experiment has a winner
 * @param monteCarloDraws joint posterior draws behind the probability to be best, the expected loss and
 *     the sticky traffic shares
 */
public record BanditConfig(
        long seed,
        RewardUpdate rewardUpdate,
        double warmStartCap,
        double productionShare,
        double splitHandoverRewards,
        double trafficFloor,
        double discount,
        List<Guardrail> guardrails,
        StopRule stopRule,
        int monteCarloDraws) {

    /** At most 10% schema failures and 2% safety failures, each over at least 50 checked decisions. */
    public static final List<Guardrail> DEFAULT_GUARDRAILS =
            List.of(new Guardrail(Gate.SCHEMA, 0.10, 50), new Guardrail(Gate.SAFETY, 0.02, 50));

    public BanditConfig {
        Objects.requireNonNull(rewardUpdate, "rewardUpdate");
        Objects.requireNonNull(stopRule, "stopRule");
        guardrails = List.copyOf(guardrails);
        if (!(warmStartCap >= 0) || Double.isInfinite(warmStartCap)) {
            throw new IllegalArgumentException("warmStartCap must be a number >= 0, got " + warmStartCap);
        }
        if (!(productionShare >= 0 && productionShare <= 1)) {
            throw new IllegalArgumentException("productionShare must be in [0, 1], got " + productionShare);
        }
        if (!(splitHandoverRewards >= 0) || Double.isInfinite(splitHandoverRewards)) {
            throw new IllegalArgumentException(
                    "splitHandoverRewards must be a number >= 0, got " + splitHandoverRewards);
        }
        if (!(trafficFloor >= 0 && trafficFloor <= 1)) {
            throw new IllegalArgumentException("trafficFloor must be in [0, 1], got " + trafficFloor);
        }
        if (!(discount > 0 && discount <= 1)) {
            throw new IllegalArgumentException("discount must be in (0, 1], got " + discount);
        }
        if (monteCarloDraws < 100) {
            throw new IllegalArgumentException("monteCarloDraws must be >= 100, got " + monteCarloDraws);
        }
    }

    /**
     * Serving defaults: fractional updates, warm starts capped at 20 pseudo-observations, a rollout
     * that starts at production 80% / challengers 20% and hands over to sampling after 500 rewards, a
     * 1% floor per arm, no discounting, {@link #DEFAULT_GUARDRAILS}, {@link StopRule#DEFAULT}, 10,000
     * Monte Carlo draws, seed 42.
     */
    public static BanditConfig defaults() {
        return new BanditConfig(
                42, RewardUpdate.FRACTIONAL, 20, 0.8, 500, 0.01, 1.0, DEFAULT_GUARDRAILS, StopRule.DEFAULT, 10_000);
    }

    /** Textbook Thompson sampling: no split, no floor, no discounting (what the regret benchmark runs). */
    public static BanditConfig plain(long seed) {
        return defaults()
                .withSeed(seed)
                .withSplitHandoverRewards(0)
                .withTrafficFloor(0)
                .withGuardrails(List.of());
    }

    public BanditConfig withSeed(long seed) {
        return new BanditConfig(
                seed,
                rewardUpdate,
                warmStartCap,
                productionShare,
                splitHandoverRewards,
                trafficFloor,
                discount,
                guardrails,
                stopRule,
                monteCarloDraws);
    }

    public BanditConfig withRewardUpdate(RewardUpdate rewardUpdate) {
        return new BanditConfig(
                seed,
                rewardUpdate,
                warmStartCap,
                productionShare,
                splitHandoverRewards,
                trafficFloor,
                discount,
                guardrails,
                stopRule,
                monteCarloDraws);
    }

    public BanditConfig withWarmStartCap(double warmStartCap) {
        return new BanditConfig(
                seed,
                rewardUpdate,
                warmStartCap,
                productionShare,
                splitHandoverRewards,
                trafficFloor,
                discount,
                guardrails,
                stopRule,
                monteCarloDraws);
    }

    public BanditConfig withProductionShare(double productionShare) {
        return new BanditConfig(
                seed,
                rewardUpdate,
                warmStartCap,
                productionShare,
                splitHandoverRewards,
                trafficFloor,
                discount,
                guardrails,
                stopRule,
                monteCarloDraws);
    }

    public BanditConfig withSplitHandoverRewards(double splitHandoverRewards) {
        return new BanditConfig(
                seed,
                rewardUpdate,
                warmStartCap,
                productionShare,
                splitHandoverRewards,
                trafficFloor,
                discount,
                guardrails,
                stopRule,
                monteCarloDraws);
    }

    public BanditConfig withTrafficFloor(double trafficFloor) {
        return new BanditConfig(
                seed,
                rewardUpdate,
                warmStartCap,
                productionShare,
                splitHandoverRewards,
                trafficFloor,
                discount,
                guardrails,
                stopRule,
                monteCarloDraws);
    }

    public BanditConfig withDiscount(double discount) {
        return new BanditConfig(
                seed,
                rewardUpdate,
                warmStartCap,
                productionShare,
                splitHandoverRewards,
                trafficFloor,
                discount,
                guardrails,
                stopRule,
                monteCarloDraws);
    }

    public BanditConfig withGuardrails(List<Guardrail> guardrails) {
        return new BanditConfig(
                seed,
                rewardUpdate,
                warmStartCap,
                productionShare,
                splitHandoverRewards,
                trafficFloor,
                discount,
                guardrails,
                stopRule,
                monteCarloDraws);
    }

    public BanditConfig withStopRule(StopRule stopRule) {
        return new BanditConfig(
                seed,
                rewardUpdate,
                warmStartCap,
                productionShare,
                splitHandoverRewards,
                trafficFloor,
                discount,
                guardrails,
                stopRule,
                monteCarloDraws);
    }

    public BanditConfig withMonteCarloDraws(int monteCarloDraws) {
        return new BanditConfig(
                seed,
                rewardUpdate,
                warmStartCap,
                productionShare,
                splitHandoverRewards,
                trafficFloor,
                discount,
                guardrails,
                stopRule,
                monteCarloDraws);
    }
}
