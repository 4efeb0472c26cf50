package dev.promptevo.api.search;

import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.plugin.Plugin;

/**
 * Makes a child that differs from its parent in a small way.
 *
 * @apiNote The child must be a valid point of {@link VariationContext#space()}. An operator that
 *     cannot act (its gene is absent, the rewriter failed) returns the parent unchanged; the engine
 *     notices the equal id. All randomness comes from {@link VariationContext#random()}.
 */
public interface MutationOperator extends Plugin {

    Genome mutate(Genome parent, VariationContext context) throws InterruptedException;

    /** Whether this operator has anything to act on in {@code space}. */
    boolean appliesTo(SearchSpace space);
}
