package dev.promptevo.bench.bandit;

import java.util.SplittableRandom;

/**
 * The epsilon_n-greedy of Auer, Cesa-Bianchi and Fischer (2002, figure 3): at step {@code t} explore a
 * uniformly drawn arm with probability {@code epsilon_t = min(1, c K / (d^2 t))}, else play the arm
 * with the best mean. {@code d} is given the true gap {@code eps} (oracle knowledge no real deployment
 * has, which favours this baseline) and {@code c} is a parameter (0.1 by default, within the range the
 * paper's experiments found best).
 */
final class EpsilonGreedy implements Policy {
    private final long[] pulls;
    private final double[] sums;
    private final double scale;
    private final SplittableRandom random;
    private long t;

    EpsilonGreedy(int k, double c, double gap, long seed) {
        pulls = new long[k];
        sums = new double[k];
        scale = c * k / (gap * gap);
        random = new SplittableRandom(seed);
    }

    static Factory factory(double c, double gap) {
        return new Factory() {
            @Override
            public String name() {
                return "epsilon-greedy";
            }

            @Override
            public Policy create(int k, long seed) {
                return new EpsilonGreedy(k, c, gap, seed);
            }
        };
    }

    @Override
    public int choose() {
        double epsilon = Math.min(1.0, scale / (t + 1));
        if (random.nextDouble() < epsilon) {
            return random.nextInt(pulls.length);
        }
        int best = 0;
        double bestMean = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < pulls.length; i++) {
            double mean = pulls[i] == 0 ? Double.POSITIVE_INFINITY : sums[i] / pulls[i];
            if (mean > bestMean) {
                bestMean = mean;
                best = i;
            }
        }
        return best;
    }

    @Override
    public void reward(int arm, double reward) {
        t++;
        pulls[arm]++;
        sums[arm] += reward;
    }
}
