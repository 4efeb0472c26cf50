package dev.promptevo.bench.bandit;

import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * One bandit problem in the setting of Chapelle and Li (2011, section 4.1): {@code k} arms, the best
 * with mean 0.5 and the others 0.5 - {@code gap}. Rewards are Bernoulli, or, with a finite
 * {@code concentration} {@code kappa}, fractional: Beta(mu kappa, (1 - mu) kappa), which has mean mu and
 * a variance {@code 1 / (kappa + 1)} of a Bernoulli's.
 */
record Scenario(int k, double gap, double concentration) {
    static final double BEST = 0.5;

    Scenario {
        if (k < 2) {
            throw new IllegalArgumentException("a scenario needs at least 2 arms, got " + k);
        }
        if (!(gap > 0 && gap < BEST)) {
            throw new IllegalArgumentException("gap must be in (0, 0.5), got " + gap);
        }
        if (!(concentration > 0)) {
            throw new IllegalArgumentException("concentration must be > 0 (infinity for Bernoulli rewards)");
        }
    }

    static Scenario bernoulli(int k, double gap) {
        return new Scenario(k, gap, Double.POSITIVE_INFINITY);
    }

    boolean isBernoulli() {
        return Double.isInfinite(concentration);
    }

    String rewards() {
        return isBernoulli()
                ? "Bernoulli"
                : String.format(Locale.ROOT, "Beta(mu*%s, (1-mu)*%s)", number(concentration), number(concentration));
    }

    String label() {
        return String.format(Locale.ROOT, "K=%d eps=%s %s", k, number(gap), rewards());
    }

    /** The arms' means for one seed: the best arm's position moves with the seed, so no tie-break favours it. */
    double[] means(long seed) {
        double[] means = new double[k];
        java.util.Arrays.fill(means, BEST - gap);
        means[(int) Math.floorMod(seed, (long) k)] = BEST;
        return means;
    }

    /**
     * The Lai-Robbins constant {@code c = sum over suboptimal arms of Delta_i / KL(mu_i, mu*)} with the
     * Bernoulli KL divergence: no consistent policy's regret grows slower than {@code c ln T}
     * (T. L. Lai and H. Robbins, Advances in Applied Mathematics 6, 1985). For Bernoulli rewards only.
     */
    double laiRobbinsConstant() {
        double mu = BEST - gap;
        double kl = mu * Math.log(mu / BEST) + (1 - mu) * Math.log((1 - mu) / (1 - BEST));
        return (k - 1) * gap / kl;
    }

    /** Draws rewards for one run. */
    RewardSource rewards(double[] means, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        if (isBernoulli()) {
            return arm -> random.nextDouble() < means[arm] ? 1.0 : 0.0;
        }
        UniformRandomProvider source = random::nextLong;
        ContinuousSampler[] samplers = new ContinuousSampler[k];
        for (int i = 0; i < k; i++) {
            samplers[i] = ChengBetaSampler.of(source, means[i] * concentration, (1 - means[i]) * concentration);
        }
        return arm -> samplers[arm].sample();
    }

    interface RewardSource {
        double draw(int arm);
    }

    static String number(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value)
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
