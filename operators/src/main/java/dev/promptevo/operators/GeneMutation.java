package dev.promptevo.operators;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.search.MutationOperator;
import dev.promptevo.api.search.VariationContext;
import java.util.Objects;
import java.util.Optional;

/**
 * A mutation of one named gene of one gene type. It returns the parent itself when the space has no
 * such gene, the parent lacks it, or the new allele equals the old one, so the engine sees the
 * unchanged id.
 */
abstract class GeneMutation<G extends Gene> implements MutationOperator {
    private static final String GENE_NAME = "[a-z][a-z0-9_]*";

    private final String id;
    private final String gene;
    private final Class<G> type;

    GeneMutation(String id, String gene, Class<G> type) {
        this.id = Objects.requireNonNull(id, "id");
        this.gene = Objects.requireNonNull(gene, "gene");
        this.type = type;
        if (id.isBlank()) {
            throw new IllegalArgumentException("an operator id must not be blank");
        }
        if (!gene.matches(GENE_NAME)) {
            throw new IllegalArgumentException("gene name must match " + GENE_NAME + ", got '" + gene + "'");
        }
    }

    /** The allele that replaces {@code current}; {@code current} itself when there is nothing to do. */
    abstract Allele next(G gene, Allele current, Genome parent, VariationContext context) throws InterruptedException;

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final boolean appliesTo(SearchSpace space) {
        return find(space).isPresent();
    }

    @Override
    public final Genome mutate(Genome parent, VariationContext context) throws InterruptedException {
        Optional<G> target = find(context.space());
        if (target.isEmpty() || !parent.has(gene)) {
            return parent;
        }
        Allele current = parent.allele(gene);
        Allele next = next(target.get(), current, parent, context);
        return next.equals(current) ? parent : parent.with(gene, next);
    }

    private Optional<G> find(SearchSpace space) {
        return space.find(gene).filter(type::isInstance).map(type::cast);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + id + " on " + gene + "]";
    }
}
