package dev.promptevo.operators;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.search.VariationContext;

/** Flips a boolean gene. Draws nothing from the random source. */
final class ToggleMutation extends GeneMutation<Gene.BooleanGene> {

    ToggleMutation(String id, String gene) {
        super(id, gene, Gene.BooleanGene.class);
    }

    @Override
    Allele next(Gene.BooleanGene gene, Allele current, Genome parent, VariationContext context) {
        return current instanceof Allele.Flag(boolean value) ? Allele.of(!value) : current;
    }
}
