package dev.promptevo.operators;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.search.VariationContext;
import java.util.List;

/**
 * Replaces a choice with another of its options, drawn uniformly; a one-option choice stays. A value
 * that is not an option at all is replaced by any option.
 */
final class ChoiceChangeMutation extends GeneMutation<Gene.ChoiceGene> {

    ChoiceChangeMutation(String id, String gene) {
        super(id, gene, Gene.ChoiceGene.class);
    }

    @Override
    Allele next(Gene.ChoiceGene gene, Allele current, Genome parent, VariationContext context) {
        if (!(current instanceof Allele.Text(String value))) {
            return current;
        }
        List<String> options = gene.options();
        int position = options.indexOf(value);
        if (position < 0) {
            return Allele.of(options.get(context.random().nextInt(options.size())));
        }
        if (options.size() == 1) {
            return current;
        }
        int pick = context.random().nextInt(options.size() - 1);
        return Allele.of(options.get(pick < position ? pick : pick + 1));
    }
}
