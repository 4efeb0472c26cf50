package dev.promptevo.operators;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.search.VariationContext;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * NSGA-II's real-coded reproduction step in one: with probability {@code crossoverProbability} a pair
 * of parents is crossed by {@link SimulatedBinaryCrossover} (else both pass on), then each child goes
 * through {@link PolynomialMutation}, as in Deb's NSGA-II reference code and jMetal's NSGA-II.
 *
 * <p>It draws exactly what the two operators applied one after the other draw, in the same order (the
 * crossover coin, the crossover, the first child's mutation, the second's), so it breeds the same
 * children; but a crossed child is mutated before its genome is built, which makes one genome per
 * child instead of up to two, and parents whose genes are exactly the space's are read and children
 * written as arrays in canonical gene order rather than map by map. Building a genome (its canonical
 * JSON and SHA-256 id) is the costliest step of a real-valued search such as ZDT; this leaves little
 * else. Its {@link
 * #breed} method matches the engine's NSGA-II variation ({@code Nsga2.Builder.variation(x::breed)}).
 */
public final class RealCodedVariation {
    private final SimulatedBinaryCrossover crossover;
    private final double crossoverProbability;
    private final PolynomialMutation mutation;
    /** The last space's gene layout; racing threads at worst each compute their own. */
    private volatile GeneLayout layout;

    private RealCodedVariation(
            SimulatedBinaryCrossover crossover, double crossoverProbability, PolynomialMutation mutation) {
        if (!(crossoverProbability >= 0 && crossoverProbability <= 1)) {
            throw new IllegalArgumentException("a probability must be in [0, 1], got " + crossoverProbability);
        }
        this.crossover = crossover;
        this.crossoverProbability = crossoverProbability;
        this.mutation = mutation;
    }

    /**
     * SBX with distribution index {@code crossoverIndex}, applied with probability {@code
     * crossoverProbability}, then polynomial mutation with index {@code mutationIndex} and probability
     * 1/n per real gene: NSGA-II's usual setting is {@code of(0.9, 20, 20)}.
     */
    public static RealCodedVariation of(double crossoverProbability, double crossoverIndex, double mutationIndex) {
        return new RealCodedVariation(
                new SimulatedBinaryCrossover(crossoverIndex),
                crossoverProbability,
                new PolynomialMutation(mutationIndex, Double.NaN));
    }

    /** Two children of {@code first} and {@code second}, each valid in the context's space. */
    public List<Genome> breed(Genome first, Genome second, VariationContext context) {
        if (context.random().nextDouble() >= crossoverProbability) {
            return List.of(mutation.mutate(first, context), mutation.mutate(second, context));
        }
        GeneLayout layout = GeneLayout.of(context.space(), this.layout);
        this.layout = layout;
        Allele[] one = layout.read(first);
        Allele[] two = layout.read(second);
        if (one == null || two == null) {
            List<Map<String, Allele>> children = crossover.childAlleles(first, second, context);
            return List.of(mutated(children.get(0), context), mutated(children.get(1), context));
        }
        cross(layout, one, two, context.random());
        mutate(layout, one, context.random());
        mutate(layout, two, context.random());
        return List.of(layout.genome(one), layout.genome(two));
    }

    /** {@link SimulatedBinaryCrossover#childAlleles} on arrays: the same draws in the same order. */
    private void cross(GeneLayout layout, Allele[] one, Allele[] two, RandomGenerator random) {
        for (int c : layout.canonicalIndex) {
            if (layout.genes[c] instanceof Gene.RealGene real
                    && one[c] instanceof Allele.Real(double x1)
                    && two[c] instanceof Allele.Real(double x2)
                    && random.nextDouble() <= 0.5
                    && Math.abs(x1 - x2) > SimulatedBinaryCrossover.EPSILON) {
                double[] spread = crossover.spread(
                        Math.min(x1, x2), Math.max(x1, x2), real.min(), real.max(), random.nextDouble());
                boolean swap = random.nextDouble() <= 0.5;
                one[c] = real.snap(swap ? spread[1] : spread[0]);
                two[c] = real.snap(swap ? spread[0] : spread[1]);
            }
        }
    }

    /** {@link PolynomialMutation#changes} on an array: the same draws in the same order. */
    private void mutate(GeneLayout layout, Allele[] child, RandomGenerator random) {
        double p = mutation.probability(layout.realGenes);
        for (int c : layout.canonicalIndex) {
            if (layout.genes[c] instanceof Gene.RealGene real
                    && child[c] instanceof Allele.Real(double y)
                    && random.nextDouble() <= p) {
                Allele.Real mutant = real.snap(mutation.perturb(y, real.min(), real.max(), random.nextDouble()));
                if (mutant.value() != y) {
                    child[c] = mutant;
                }
            }
        }
    }

    private Genome mutated(Map<String, Allele> child, VariationContext context) {
        Map<String, Allele> changes = mutation.changes(child, context);
        if (changes != null) {
            child.putAll(changes);
        }
        return Genome.of(child);
    }

    @Override
    public String toString() {
        return "RealCodedVariation[" + crossover + " with probability " + crossoverProbability + ", then " + mutation
                + "]";
    }
}
