package dev.promptevo.api.search;

import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.plugin.Plugin;

/**
 * Recombines two parents into one child.
 *
 * @apiNote The child must be a valid point of {@link VariationContext#space()} when both parents
 *     are. All randomness comes from {@link VariationContext#random()}.
 */
public interface CrossoverOperator extends Plugin {
    Genome cross(Genome first, Genome second, VariationContext context);
}
