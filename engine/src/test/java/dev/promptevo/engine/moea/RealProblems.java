package dev.promptevo.engine.moea;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.search.CrossoverOperator;
import dev.promptevo.api.search.MutationOperator;
import dev.promptevo.api.search.VariationContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A real-valued test problem and plain real-coded operators for the NSGA-II tests; the engine does not
 * depend on the operators module, whose SBX and polynomial mutation the bench module tests on the
 * same problem.
 */
final class RealProblems {
    private RealProblems() {}

    /** {@code n} genes {@code x00, x01, ...} in [0, 1]; the names sort in declaration order. */
    static SearchSpace unitCube(int n) {
        List<Gene> genes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            genes.add(Gene.real("x%02d".formatted(i), 0.0, 1.0, 1e-10));
        }
        return new SearchSpace(genes);
    }

    static double[] values(Genome genome) {
        double[] x = new double[genome.alleles().size()];
        int i = 0;
        for (Allele allele : genome.alleles().values()) {
            x[i++] = ((Allele.Real) allele).value();
        }
        return x;
    }

    /** ZDT1 (Zitzler, Deb and Thiele 2000): front {@code f2 = 1 - sqrt(f1)}, hypervolume 2/3 below (1, 1). */
    static Fitness zdt1(Genome genome) {
        double[] x = values(genome);
        double sum = 0;
        for (int i = 1; i < x.length; i++) {
            sum += x[i];
        }
        double g = 1 + 9 * sum / (x.length - 1);
        return Fitness.of(x[0], g * (1 - Math.sqrt(x[0] / g)));
    }

    /** BLX-0.5 on every real gene: uniform on the parents' interval widened by half its length. */
    static CrossoverOperator blend() {
        return new CrossoverOperator() {
            @Override
            public String id() {
                return "test.blx";
            }

            @Override
            public Genome cross(Genome first, Genome second, VariationContext context) {
                Map<String, Allele> child = new LinkedHashMap<>();
                for (Gene gene : context.space().genes()) {
                    Gene.RealGene real = (Gene.RealGene) gene;
                    double a = first.real(gene.name());
                    double b = second.real(gene.name());
                    double low = Math.min(a, b) - 0.5 * Math.abs(a - b);
                    double high = Math.max(a, b) + 0.5 * Math.abs(a - b);
                    child.put(gene.name(), real.snap(low + context.random().nextDouble() * (high - low)));
                }
                return Genome.of(child);
            }
        };
    }

    /** Gaussian steps of sigma 0.1 on each real gene with probability 1/n. */
    static MutationOperator gaussian() {
        return new MutationOperator() {
            @Override
            public String id() {
                return "test.gaussian";
            }

            @Override
            public Genome mutate(Genome parent, VariationContext context) {
                RandomGenerator random = context.random();
                double p = 1.0 / context.space().genes().size();
                Genome child = parent;
                for (Gene gene : context.space().genes()) {
                    if (random.nextDouble() < p) {
                        Gene.RealGene real = (Gene.RealGene) gene;
                        child = child.with(
                                gene.name(), real.snap(child.real(gene.name()) + random.nextGaussian(0, 0.1)));
                    }
                }
                return child;
            }

            @Override
            public boolean appliesTo(SearchSpace space) {
                return true;
            }
        };
    }
}
