package dev.promptevo.operators;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.search.MutationOperator;
import dev.promptevo.api.search.VariationContext;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Polynomial mutation on every real gene of the space, from K. Deb and M. Goyal, "A combined genetic
 * adaptive search (GeneAS) for engineering design", Computer Science and Informatics 26(4), 1996, pp.
 * 30-45, in the bounded form of Deb's NSGA-II reference code ({@code real_mutate_ind}, as also in
 * jMetal's {@code PolynomialMutation}): the perturbation's distribution is cut at the gene's bounds
 * by taking the parent's distance to each bound into account.
 *
 * <p>Per real gene, in the space's declared order: with probability {@code p} (one draw; by default
 * {@code 1/n} for {@code n} real genes in the space) the gene draws {@code u} and moves by {@code
 * delta_q(u) * (max - min)}, where {@code delta_q} has a polynomial density of distribution index
 * {@code eta} on {@code [-1, 1]}: a larger {@code eta} makes smaller steps. The value is clamped and
 * snapped to the gene's resolution. Other genes are left alone, and with no gene selected the parent
 * itself is returned.
 */
public final class PolynomialMutation implements MutationOperator {
    public static final String ID = "mutate.polynomial";
    public static final double DEFAULT_DISTRIBUTION_INDEX = 20.0;

    private final double distributionIndex;
    /** The per-gene probability; {@code NaN} for 1/n. */
    private final double probability;

    /** Polynomial mutation with distribution index 20 and a probability of 1/n per real gene. */
    public PolynomialMutation() {
        this(DEFAULT_DISTRIBUTION_INDEX, Double.NaN);
    }

    /** {@code probability} is per real gene; {@code NaN} means 1/n for n real genes. */
    PolynomialMutation(double distributionIndex, double probability) {
        if (!(distributionIndex >= 0) || Double.isInfinite(distributionIndex)) {
            throw new IllegalArgumentException(
                    "the distribution index must be finite and >= 0, got " + distributionIndex);
        }
        if (!Double.isNaN(probability) && !(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("a probability must be in [0, 1], got " + probability);
        }
        this.distributionIndex = distributionIndex;
        this.probability = probability;
    }

    @Override
    public String id() {
        return ID;
    }

    public double distributionIndex() {
        return distributionIndex;
    }

    @Override
    public boolean appliesTo(SearchSpace space) {
        return space.genes().stream().anyMatch(Gene.RealGene.class::isInstance);
    }

    @Override
    public Genome mutate(Genome parent, VariationContext context) {
        Map<String, Allele> changes = changes(parent.alleles(), context);
        if (changes == null) {
            return parent;
        }
        if (changes.size() == 1) {
            Map.Entry<String, Allele> only = changes.entrySet().iterator().next();
            return parent.with(only.getKey(), only.getValue());
        }
        Map<String, Allele> child = new TreeMap<>(parent.alleles());
        child.putAll(changes);
        return Genome.of(child);
    }

    /** The new values of the genes of {@code alleles} this mutation changes; null when it changes none. */
    Map<String, Allele> changes(Map<String, Allele> alleles, VariationContext context) {
        RandomGenerator random = context.random();
        int realGenes = 0;
        for (Gene gene : context.space().genes()) {
            if (gene instanceof Gene.RealGene) {
                realGenes++;
            }
        }
        double p = probability(realGenes);
        Map<String, Allele> changes = null;
        for (Gene gene : context.space().genes()) {
            if (gene instanceof Gene.RealGene real
                    && alleles.get(real.name()) instanceof Allele.Real(double y)
                    && random.nextDouble() <= p) {
                Allele.Real child = real.snap(perturb(y, real.min(), real.max(), random.nextDouble()));
                if (child.value() != y) {
                    changes = changes == null ? new TreeMap<>() : changes;
                    changes.put(real.name(), child);
                }
            }
        }
        return changes;
    }

    /** The per-gene probability in a space of {@code realGenes} real genes. */
    double probability(int realGenes) {
        return Double.isNaN(probability) ? 1.0 / Math.max(1, realGenes) : probability;
    }

    /** The mutated value of {@code y} in {@code [lower, upper]} for the uniform draw {@code u}, clamped. */
    double perturb(double y, double lower, double upper, double u) {
        double range = upper - lower;
        double exponent = 1.0 / (distributionIndex + 1.0);
        double deltaQ;
        if (u <= 0.5) {
            double xy = 1.0 - (y - lower) / range;
            double val = 2.0 * u + (1.0 - 2.0 * u) * Math.pow(xy, distributionIndex + 1.0);
            deltaQ = Math.pow(val, exponent) - 1.0;
        } else {
            double xy = 1.0 - (upper - y) / range;
            double val = 2.0 * (1.0 - u) + 2.0 * (u - 0.5) * Math.pow(xy, distributionIndex + 1.0);
            deltaQ = 1.0 - Math.pow(val, exponent);
        }
        return Math.clamp(y + deltaQ * range, lower, upper);
    }

    @Override
    public String toString() {
        return "PolynomialMutation[" + ID + ", eta " + distributionIndex + ", p "
                + (Double.isNaN(probability) ? "1/n" : probability) + "]";
    }
}
