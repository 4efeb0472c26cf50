package dev.promptevo.operators;

import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.search.MutationOperator;
import dev.promptevo.api.search.VariationContext;

/** A mutation published as a plugin: a fixed id and gene around one of the {@link Mutators} kinds. */
abstract class SeedMutation implements MutationOperator {
    private final MutationOperator delegate;

    SeedMutation(MutationOperator delegate) {
        this.delegate = delegate;
    }

    @Override
    public final String id() {
        return delegate.id();
    }

    @Override
    public final Genome mutate(Genome parent, VariationContext context) throws InterruptedException {
        return delegate.mutate(parent, context);
    }

    @Override
    public final boolean appliesTo(SearchSpace space) {
        return delegate.appliesTo(space);
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
