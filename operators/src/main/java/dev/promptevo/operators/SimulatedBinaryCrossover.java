package dev.promptevo.operators;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.search.CrossoverOperator;
import dev.promptevo.api.search.VariationContext;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Simulated binary crossover (SBX) on every real gene of the space, from K. Deb and R. B. Agrawal,
 * "Simulated binary crossover for continuous search space", Complex Systems 9(2), 1995, pp. 115-148,
 * in the bounded form of Deb's NSGA-II reference code ({@code realcross}, as also in jMetal's {@code
 * SBXCrossover}): the spread factor's distribution is cut at the gene's bounds, so both children stay
 * in range without piling up on a bound.
 *
 * <p>Per real gene, in the space's declared order: with probability 1/2 the gene is crossed (one
 * draw); genes whose parents differ by more than {@value #EPSILON} then draw {@code u} and get the two
 * values {@code c1 <= c2} placed around the parents' mean by the spread factor {@code beta_q(u)} with
 * distribution index {@code eta}, and a last draw decides which child takes {@code c1}. Values are
 * clamped to the bounds and snapped to the gene's resolution. A larger {@code eta} keeps children
 * closer to their parents. Other genes, and real genes not crossed, pass from the first parent to the
 * first child and from the second to the second.
 *
 * <p>SBX makes two children; {@link #cross} returns one of them, picked with one more draw, as the
 * API's single-child contract asks, and {@link #crossBoth} returns both (for NSGA-II, which keeps
 * both, like the reference implementations). The operator itself always crosses; the probability of
 * crossing a pair at all belongs to the algorithm.
 */
public final class SimulatedBinaryCrossover implements CrossoverOperator {
    public static final String ID = "crossover.sbx";
    public static final double DEFAULT_DISTRIBUTION_INDEX = 20.0;
    /** Parent values closer than this are treated as equal and copied (as in the reference code). */
    static final double EPSILON = 1.0e-14;

    private final double distributionIndex;

    /** SBX with distribution index {@value #DEFAULT_DISTRIBUTION_INDEX}, the NSGA-II default. */
    public SimulatedBinaryCrossover() {
        this(DEFAULT_DISTRIBUTION_INDEX);
    }

    SimulatedBinaryCrossover(double distributionIndex) {
        if (!(distributionIndex >= 0) || Double.isInfinite(distributionIndex)) {
            throw new IllegalArgumentException(
                    "the distribution index must be finite and >= 0, got " + distributionIndex);
        }
        this.distributionIndex = distributionIndex;
    }

    @Override
    public String id() {
        return ID;
    }

    public double distributionIndex() {
        return distributionIndex;
    }

    @Override
    public Genome cross(Genome first, Genome second, VariationContext context) {
        List<Genome> children = crossBoth(first, second, context);
        return children.get(context.random().nextDouble() < 0.5 ? 0 : 1);
    }

    /** Both children of {@code first} and {@code second}; see the class comment. */
    public List<Genome> crossBoth(Genome first, Genome second, VariationContext context) {
        List<Map<String, Allele>> children = childAlleles(first, second, context);
        return List.of(Genome.of(children.get(0)), Genome.of(children.get(1)));
    }

    /** The alleles of both children, as mutable sorted maps; see the class comment. */
    List<Map<String, Allele>> childAlleles(Genome first, Genome second, VariationContext context) {
        RandomGenerator random = context.random();
        // Sorted maps, because Genome.of sorts its alleles anyway and fills a TreeMap fastest in order.
        Map<String, Allele> one = new TreeMap<>();
        Map<String, Allele> two = new TreeMap<>();
        for (Gene gene : context.space().genes()) {
            String name = gene.name();
            Allele a = first.alleles().get(name);
            Allele b = second.alleles().get(name);
            if (a == null || b == null) {
                Allele only = a == null ? b : a;
                if (only != null) {
                    one.put(name, only);
                    two.put(name, only);
                }
                continue;
            }
            if (gene instanceof Gene.RealGene real
                    && a instanceof Allele.Real(double x1)
                    && b instanceof Allele.Real(double x2)
                    && random.nextDouble() <= 0.5
                    && Math.abs(x1 - x2) > EPSILON) {
                double[] c = spread(Math.min(x1, x2), Math.max(x1, x2), real.min(), real.max(), random.nextDouble());
                boolean swap = random.nextDouble() <= 0.5;
                one.put(name, real.snap(swap ? c[1] : c[0]));
                two.put(name, real.snap(swap ? c[0] : c[1]));
            } else {
                one.put(name, a);
                two.put(name, b);
            }
        }
        return List.of(one, two);
    }

    /**
     * The two children {@code {c1, c2}} of parent values {@code y1 < y2} in {@code [lower, upper]} for
     * the uniform draw {@code u}, clamped to the bounds: Deb's bounded SBX.
     */
    double[] spread(double y1, double y2, double lower, double upper, double u) {
        double gap = y2 - y1;
        double exponent = 1.0 / (distributionIndex + 1.0);
        double betaLow = 1.0 + 2.0 * (y1 - lower) / gap;
        double c1 = 0.5 * (y1 + y2 - spreadFactor(betaLow, u, exponent) * gap);
        double betaHigh = 1.0 + 2.0 * (upper - y2) / gap;
        double c2 = 0.5 * (y1 + y2 + spreadFactor(betaHigh, u, exponent) * gap);
        return new double[] {Math.clamp(c1, lower, upper), Math.clamp(c2, lower, upper)};
    }

    /** {@code beta_q}: the spread factor's inverse distribution at {@code u}, cut at {@code beta}. */
    private double spreadFactor(double beta, double u, double exponent) {
        double alpha = 2.0 - Math.pow(beta, -(distributionIndex + 1.0));
        return u <= 1.0 / alpha ? Math.pow(u * alpha, exponent) : Math.pow(1.0 / (2.0 - u * alpha), exponent);
    }

    @Override
    public String toString() {
        return "SimulatedBinaryCrossover[" + ID + ", eta " + distributionIndex + "]";
    }
}
