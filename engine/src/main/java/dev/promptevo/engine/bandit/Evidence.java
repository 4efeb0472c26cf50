package dev.promptevo.engine.bandit;

/**
 * An arm's evidence above the flat prior: the posterior is Beta(1 + successes, 1 + failures) at
 * reward time {@code stamp}. With a discount {@code gamma < 1} evidence observed at time {@code t}
 * weighs {@code gamma^(now - t)} at time {@code now}; it is kept as of its stamp and decayed when read,
 * so a reward touches only its own arm (no O(K) sweep, no global lock), and the result is the same
 * whatever order concurrent rewards are applied in.
 *
 * @param rewards rewards applied, undiscounted
 */
record Evidence(double successes, double failures, long stamp, long rewards) {

    static Evidence warm(WarmStart warmStart, double cap, long now) {
        double n = warmStart.pseudoCount(cap);
        return new Evidence(warmStart.meanScore() * n, (1 - warmStart.meanScore()) * n, now, 0);
    }

    Evidence plus(double success, double failure, long tick, double gamma) {
        if (gamma == 1.0) {
            return new Evidence(successes + success, failures + failure, Math.max(stamp, tick), rewards + 1);
        }
        if (tick >= stamp) {
            double decay = Math.pow(gamma, tick - stamp);
            return new Evidence(successes * decay + success, failures * decay + failure, tick, rewards + 1);
        }
        // A reward that took its tick before a later one was applied: it is older than the stamp.
        double decay = Math.pow(gamma, stamp - tick);
        return new Evidence(successes + success * decay, failures + failure * decay, stamp, rewards + 1);
    }

    double decay(long now, double gamma) {
        return gamma == 1.0 ? 1.0 : Math.pow(gamma, Math.max(0, now - stamp));
    }

    double alpha(long now, double gamma) {
        return 1 + successes * decay(now, gamma);
    }

    double beta(long now, double gamma) {
        return 1 + failures * decay(now, gamma);
    }
}
