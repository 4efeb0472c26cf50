package dev.promptevo.operators;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.search.CrossoverOperator;
import dev.promptevo.api.search.VariationContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Uniform crossover (Syswerda 1989): every gene of the space comes from either parent with even odds.
 * Genes are visited in the space's declared order with one coin per gene, so a seed replays the same
 * child; genes outside the space are dropped, and a gene only one parent has comes from that parent.
 */
public final class UniformCrossover implements CrossoverOperator {
    public static final String ID = "crossover.uniform";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Genome cross(Genome first, Genome second, VariationContext context) {
        RandomGenerator random = context.random();
        Map<String, Allele> child = new LinkedHashMap<>();
        for (Gene gene : context.space().genes()) {
            Allele pick = pick(
                    random.nextBoolean(),
                    first.alleles().get(gene.name()),
                    second.alleles().get(gene.name()));
            if (pick != null) {
                child.put(gene.name(), pick);
            }
        }
        return Genome.of(child);
    }

    /** The first allele when {@code takeFirst}, else the second; the other when one is missing. */
    static Allele pick(boolean takeFirst, Allele first, Allele second) {
        if (first == null || second == null) {
            return first == null ? second : first;
        }
        return takeFirst ? first : second;
    }

    @Override
    public String toString() {
        return "UniformCrossover[" + ID + "]";
    }
}
