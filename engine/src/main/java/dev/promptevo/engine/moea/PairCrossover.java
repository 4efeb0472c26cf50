package dev.promptevo.engine.moea;

import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.search.CrossoverOperator;
import dev.promptevo.api.search.VariationContext;
import java.util.List;
import java.util.Objects;

/**
 * Recombines two parents into one or two children. NSGA-II (Deb et al. 2002, section III) breeds
 * its offspring in pairs, and a real-coded crossover such as SBX makes two children that mirror each
 * other about their parents' mean; keeping both is what the reference implementations do. The API's
 * {@link CrossoverOperator} returns one child; {@link #of(CrossoverOperator)} adapts it.
 *
 * @apiNote The same promises as {@link CrossoverOperator}: valid parents give valid children, and
 *     all randomness comes from {@link VariationContext#random()}.
 */
@FunctionalInterface
public interface PairCrossover {

    /** One or two children of {@code first} and {@code second}. */
    List<Genome> cross(Genome first, Genome second, VariationContext context);

    /** The single child of {@code operator} per pair of parents. */
    static PairCrossover of(CrossoverOperator operator) {
        Objects.requireNonNull(operator, "operator");
        return (first, second, context) -> List.of(operator.cross(first, second, context));
    }
}
