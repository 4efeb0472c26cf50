package dev.promptevo.engine.bandit;

import java.util.random.RandomGenerator;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * The probability that each arm is the best, and the expected loss of choosing it, by Monte Carlo
 * over joint draws from the posteriors (Scott 2010, section 4; Chapelle and Li 2011).
 *
 * @param probabilityBest per arm, the share of draws in which it had the largest value among the
 *     contenders; 0 for an arm not in the contest
 * @param expectedLoss per arm, the mean of {@code max over contenders - its own value}: what choosing
 *     it is expected to cost against the best contender
 */
record Contest(double[] probabilityBest, double[] expectedLoss) {

    static Contest run(double[] alpha, double[] beta, boolean[] contending, int draws, RandomGenerator random) {
        int k = alpha.length;
        UniformRandomProvider source = random::nextLong;
        ContinuousSampler[] samplers = new ContinuousSampler[k];
        for (int i = 0; i < k; i++) {
            samplers[i] = new BetaDraw(source, alpha[i], beta[i]);
        }
        double[] wins = new double[k];
        double[] loss = new double[k];
        double[] value = new double[k];
        for (int d = 0; d < draws; d++) {
            int best = -1;
            for (int i = 0; i < k; i++) {
                value[i] = samplers[i].sample();
                if (contending[i] && (best < 0 || value[i] > value[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                throw new IllegalArgumentException("a contest needs at least one contender");
            }
            wins[best]++;
            for (int i = 0; i < k; i++) {
                loss[i] += value[best] - value[i];
            }
        }
        for (int i = 0; i < k; i++) {
            wins[i] /= draws;
            loss[i] /= draws;
        }
        return new Contest(wins, loss);
    }
}
