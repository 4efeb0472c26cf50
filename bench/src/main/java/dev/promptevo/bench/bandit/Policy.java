package dev.promptevo.bench.bandit;

/** A bandit policy over arms {@code 0..K-1}, as the regret benchmark drives it: choose, then reward. */
interface Policy {

    int choose();

    void reward(int arm, double reward);

    /** Makes a fresh policy for one run over {@code k} arms with the given seed. */
    interface Factory {
        String name();

        Policy create(int k, long seed);
    }
}
