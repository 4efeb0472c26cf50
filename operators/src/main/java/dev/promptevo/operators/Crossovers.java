package dev.promptevo.operators;

import dev.promptevo.api.search.CrossoverOperator;

/** Ready-made crossover operators, after the JDK's {@code BodyHandlers}. */
public final class Crossovers {
    private Crossovers() {}

    /** Each gene from either parent with even odds ({@value UniformCrossover#ID}). */
    public static CrossoverOperator uniform() {
        return new UniformCrossover();
    }

    /**
     * Reals and integers blended between the parents (BLX-0), other genes from either parent ({@value
     * BlendCrossover#ID}).
     */
    public static CrossoverOperator blend() {
        return new BlendCrossover();
    }

    /**
     * Simulated binary crossover on every real gene ({@value SimulatedBinaryCrossover#ID}), bounded as
     * in NSGA-II; a larger {@code distributionIndex} keeps children closer to their parents (20 is the
     * usual choice). Returned as its class so that callers that keep both children can reach {@link
     * SimulatedBinaryCrossover#crossBoth}.
     */
    public static SimulatedBinaryCrossover simulatedBinary(double distributionIndex) {
        return new SimulatedBinaryCrossover(distributionIndex);
    }
}
