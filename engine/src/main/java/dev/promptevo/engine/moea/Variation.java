package dev.promptevo.engine.moea;

import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.search.MutationOperator;
import dev.promptevo.api.search.VariationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * NSGA-II's reproduction step: how one pair of tournament winners becomes offspring (Deb et al.
 * 2002, section III-C: "the usual recombination and mutation operators are used to create a child
 * population").
 *
 * <p>{@link #of} composes a crossover and a mutation, as most callers want. A single implementation
 * of both steps can be cheaper: a real-coded one (SBX then polynomial mutation, as in Deb's reference
 * code) can mutate each child's values before the child genome is built, making one genome per child
 * instead of one per operator; the genome, with its canonical form and hash, is the costly part.
 *
 * @apiNote Every child must be a valid point of {@link VariationContext#space()}; all randomness comes
 *     from {@link VariationContext#random()}.
 */
@FunctionalInterface
public interface Variation {

    /** One or more children of {@code first} and {@code second}. */
    List<Genome> breed(Genome first, Genome second, VariationContext context) throws InterruptedException;

    /**
     * Crosses the pair with probability {@code crossoverProbability} (else both parents pass on
     * unchanged), then mutates every child. Either operator may be null, meaning none.
     */
    static Variation of(PairCrossover crossover, double crossoverProbability, MutationOperator mutation) {
        if (!(crossoverProbability >= 0 && crossoverProbability <= 1)) {
            throw new IllegalArgumentException("a probability must be in [0, 1], got " + crossoverProbability);
        }
        if (crossover == null && mutation == null) {
            throw new IllegalArgumentException("a variation needs a crossover, a mutation or both");
        }
        return (first, second, context) -> {
            List<Genome> children = crossover != null && context.random().nextDouble() < crossoverProbability
                    ? crossover.cross(first, second, context)
                    : List.of(first, second);
            if (mutation == null) {
                return children;
            }
            List<Genome> mutants = new ArrayList<>(children.size());
            for (Genome child : children) {
                mutants.add(Objects.requireNonNull(mutation.mutate(child, context), "mutation returned null"));
            }
            return mutants;
        };
    }
}
