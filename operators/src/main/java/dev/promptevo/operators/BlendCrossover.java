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
 * Blend crossover: a real gene takes {@code a + u * (b - a)} with {@code u} uniform in [0, 1), snapped
 * to the gene's resolution and kept between the parents' values; an integer gene does the same on its
 * grid. That is BLX-0, the {@code alpha = 0} case of BLX-alpha from L. J. Eshelman and J. D. Schaffer,
 * "Real-Coded Genetic Algorithms and Interval-Schemata", Foundations of Genetic Algorithms 2 (1993),
 * pp. 187-202 (section 3): the child lies in the interval the parents span, never beyond it. Other
 * genes come from either parent with even odds, as in {@link UniformCrossover}.
 *
 * <p>Genes are visited in the space's declared order with exactly one draw per gene ({@code u}, or
 * {@code u < 0.5} as the coin), so a seed replays the same child.
 */
public final class BlendCrossover implements CrossoverOperator {
    public static final String ID = "crossover.blend";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Genome cross(Genome first, Genome second, VariationContext context) {
        RandomGenerator random = context.random();
        Map<String, Allele> child = new LinkedHashMap<>();
        for (Gene gene : context.space().genes()) {
            double u = random.nextDouble();
            Allele a = first.alleles().get(gene.name());
            Allele b = second.alleles().get(gene.name());
            Allele pick = blend(gene, a, b, u);
            if (pick != null) {
                child.put(gene.name(), pick);
            }
        }
        return Genome.of(child);
    }

    private static Allele blend(Gene gene, Allele first, Allele second, double u) {
        if (gene instanceof Gene.RealGene real
                && first instanceof Allele.Real(double a)
                && second instanceof Allele.Real(double b)) {
            double snapped = real.snap(a + u * (b - a)).value();
            return Allele.of(Math.clamp(snapped, Math.min(a, b), Math.max(a, b)));
        }
        if (gene instanceof Gene.IntegerGene integer
                && first instanceof Allele.Int(long a)
                && second instanceof Allele.Int(long b)) {
            double indexA = (double) (a - integer.min()) / integer.step();
            double indexB = (double) (b - integer.min()) / integer.step();
            long index = Math.round(indexA + u * (indexB - indexA));
            long value = integer.min() + index * integer.step();
            return Allele.of(Math.clamp(value, Math.min(a, b), Math.max(a, b)));
        }
        return UniformCrossover.pick(u < 0.5, first, second);
    }

    @Override
    public String toString() {
        return "BlendCrossover[" + ID + "]";
    }
}
