package dev.promptevo.bench.bandit;

/**
 * UCB1 (P. Auer, N. Cesa-Bianchi and P. Fischer, "Finite-time Analysis of the Multiarmed Bandit
 * Problem", Machine Learning 47, 2002, figure 1): play each arm once, then the arm with the largest
 * {@code mean + sqrt(2 ln t / n)}. Ties go to the lowest index; the benchmark places the best arm at a
 * seed-dependent position so that ties favour no one.
 */
final class Ucb1 implements Policy {
    private final long[] pulls;
    private final double[] sums;
    private long t;

    Ucb1(int k) {
        pulls = new long[k];
        sums = new double[k];
    }

    static Factory factory() {
        return new Factory() {
            @Override
            public String name() {
                return "ucb1";
            }

            @Override
            public Policy create(int k, long seed) {
                return new Ucb1(k);
            }
        };
    }

    @Override
    public int choose() {
        if (t < pulls.length) {
            return (int) t;
        }
        double log = 2 * Math.log(t);
        int best = 0;
        double bestIndex = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < pulls.length; i++) {
            double index = sums[i] / pulls[i] + Math.sqrt(log / pulls[i]);
            if (index > bestIndex) {
                bestIndex = index;
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
