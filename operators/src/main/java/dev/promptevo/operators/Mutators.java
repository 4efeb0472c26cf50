package dev.promptevo.operators;

import dev.promptevo.api.search.MutationOperator;

/**
 * Ready-made mutation operators for any gene, by name, after the JDK's {@code BodyHandlers}. Each
 * operator returns its parent unchanged when the context's space has no gene of that name and type.
 * Ids are {@code mutate.<gene>.<kind>}; the seed's operators published as plugins ({@link CotToggle},
 * {@link ConsensusToggle}, {@link TemperatureGaussian}, {@link ModelChange}, {@link MaxTokensStep},
 * {@link RetrieverTopKStep}, {@link RubricRewrite}) keep their own historical ids, and operators that
 * act on every gene of a type, such as {@link #polynomial}, are {@code mutate.<kind>}.
 */
public final class Mutators {
    private Mutators() {}

    /** Flips a boolean gene. Id {@code mutate.<gene>.toggle}. */
    public static MutationOperator toggle(String gene) {
        return new ToggleMutation(idFor(gene, "toggle"), gene);
    }

    /**
     * Adds Gaussian noise to a real gene, then clamps and snaps it to the gene's resolution; a draw
     * that lands back on the parent's value is redrawn, so the child differs from its parent whenever
     * the gene has another value within a resolution step. Id {@code mutate.<gene>.gaussian}.
     *
     * @param sigmaShare the noise's standard deviation as a share of the gene's range ({@code 0.1}
     *     on a 0..2 temperature is a sigma of 0.2)
     */
    public static MutationOperator gaussian(String gene, double sigmaShare) {
        return new GaussianMutation(idFor(gene, "gaussian"), gene, sigmaShare);
    }

    /**
     * Moves an integer gene up or down by 1 to {@code maxSteps} grid steps, fewer steps being likelier
     * (probability proportional to 1/k), clamped to the range; the child differs from its parent
     * whenever the gene has more than one value. Id {@code mutate.<gene>.step}.
     */
    public static MutationOperator integerStep(String gene, int maxSteps) {
        return new IntegerStepMutation(idFor(gene, "step"), gene, maxSteps);
    }

    /** Replaces a choice with another of its options, uniformly. Id {@code mutate.<gene>.change}. */
    public static MutationOperator changeChoice(String gene) {
        return new ChoiceChangeMutation(idFor(gene, "change"), gene);
    }

    /**
     * Has the context's rewriter LLM rewrite a text gene from the parent's failing examples and the
     * reasons they failed (reflective mutation, as in GEPA). Id {@code mutate.<gene>.rewrite}. The
     * request and answer formats are those of {@link RubricRewrite}.
     */
    public static MutationOperator rubricRewrite(String gene) {
        return new RubricRewriteMutation(idFor(gene, "rewrite"), gene);
    }

    /**
     * Polynomial mutation of every real gene with probability {@code 1/n} each, for {@code n} real
     * genes in the space, bounded as in NSGA-II. Id {@value PolynomialMutation#ID}.
     *
     * @param distributionIndex {@code eta}: a larger index makes smaller steps (20 is the usual choice)
     */
    public static MutationOperator polynomial(double distributionIndex) {
        return new PolynomialMutation(distributionIndex, Double.NaN);
    }

    /**
     * Polynomial mutation of every real gene with probability {@code probability} each. Id {@value
     * PolynomialMutation#ID}.
     */
    public static MutationOperator polynomial(double distributionIndex, double probability) {
        if (Double.isNaN(probability)) {
            throw new IllegalArgumentException("the probability must be a number in [0, 1]");
        }
        return new PolynomialMutation(distributionIndex, probability);
    }

    private static String idFor(String gene, String kind) {
        return "mutate." + gene + "." + kind;
    }
}
