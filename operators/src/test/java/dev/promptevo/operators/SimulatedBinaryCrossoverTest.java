package dev.promptevo.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.search.CrossoverOperator;
import dev.promptevo.api.testing.CrossoverOperatorContract;
import dev.promptevo.api.testing.GeneArbitraries;
import dev.promptevo.api.testing.Genomes;
import dev.promptevo.api.testing.VariationContexts;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class SimulatedBinaryCrossoverTest extends CrossoverOperatorContract {
    private static final int DRAWS = 20_000;
    private static final SearchSpace UNIT = SearchSpace.of(Gene.real("x", 0.0, 1.0, 1e-10));

    @Override
    protected CrossoverOperator operator() {
        return new SimulatedBinaryCrossover();
    }

    /**
     * Replaces the contract's check: SBX children may lie outside the interval their parents span (the
     * spread factor exceeds 1 half of the time), so a real gene is checked to stay in its range, and
     * every other gene to come from a parent.
     */
    @Override
    @Test
    public void eachGeneComesFromTheParents() {
        for (long seed = 0; seed < draws(); seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            Genome first = parent(random);
            Genome second = parent(random);
            Genome child = operator().cross(first, second, context(space(), random));
            for (Gene gene : space().genes()) {
                Allele c = child.allele(gene.name());
                if (gene instanceof Gene.RealGene) {
                    assertThat(gene.violation(c))
                            .as("gene %s (seed %d)", gene.name(), seed)
                            .isEmpty();
                } else {
                    assertThat(c)
                            .as("gene %s (seed %d)", gene.name(), seed)
                            .isIn(first.allele(gene.name()), second.allele(gene.name()));
                }
            }
        }
    }

    @Property(seed = "20261125")
    void childrenStayInTheGenesRange(
            @ForAll("realGenes") Gene.RealGene gene,
            @ForAll @DoubleRange(min = 0, max = 1) double a,
            @ForAll @DoubleRange(min = 0, max = 1) double b,
            @ForAll @DoubleRange(min = 0, max = 1000) double eta,
            @ForAll long seed) {
        SearchSpace space = SearchSpace.of(gene);
        Genome first = Genome.of(Map.of(gene.name(), at(gene, a)));
        Genome second = Genome.of(Map.of(gene.name(), at(gene, b)));

        List<Genome> children =
                Crossovers.simulatedBinary(eta).crossBoth(first, second, VariationContexts.of(space, seed));

        assertThat(children)
                .hasSize(2)
                .allSatisfy(child -> assertThat(space.violations(child)).isEmpty());
    }

    /** With {@code eta = 1000} the spread factor stays within 1 +- 0.007 for u in [0.001, 0.999]. */
    @Property(seed = "20261125")
    void aLargeDistributionIndexKeepsChildrenNextToTheirParents(
            @ForAll @DoubleRange(min = 0, max = 1) double a,
            @ForAll @DoubleRange(min = 0, max = 1) double b,
            @ForAll @DoubleRange(min = 0.001, max = 0.999) @Scale(6) double u) {
        double y1 = Math.min(a, b);
        double y2 = Math.max(a, b);
        Assume.that(y2 - y1 > SimulatedBinaryCrossover.EPSILON);

        double[] c = new SimulatedBinaryCrossover(1000).spread(y1, y2, 0.0, 1.0, u);

        assertThat(c[0]).isCloseTo(y1, within(0.004 * (y2 - y1)));
        assertThat(c[1]).isCloseTo(y2, within(0.004 * (y2 - y1)));
    }

    /** Away from the bounds the two children are placed symmetrically about the parents' mean. */
    @Property(seed = "20261125")
    void awayFromTheBoundsChildrenKeepTheParentsMean(
            @ForAll @DoubleRange(min = 0.4, max = 0.6) double a,
            @ForAll @DoubleRange(min = 0.4, max = 0.6) double b,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double u) {
        double y1 = Math.min(a, b);
        double y2 = Math.max(a, b);
        Assume.that(y2 - y1 > 1e-6);

        double[] c = new SimulatedBinaryCrossover(20).spread(y1, y2, -1e6, 1e6, u);

        assertThat(c[0] + c[1]).isCloseTo(y1 + y2, within(1e-9));
        assertThat(c[0]).isLessThanOrEqualTo(c[1]);
    }

    /**
     * Far from the bounds the spread factor {@code beta = |c2 - c1| / |y2 - y1|} is below 1 exactly
     * when {@code u <= 1/2}, so crossed genes contract and expand equally often (Deb and Agrawal 1995,
     * section 3); the share of contractions over 20,000 seeded crossings is 0.5 with a standard error
     * of 0.0035 (each gene is crossed with probability 1/2); the tolerance is about five of them.
     */
    @Test
    void crossedGenesContractAndExpandEquallyOften() {
        SearchSpace wide = SearchSpace.of(Gene.real("x", -1000.0, 1000.0, 1e-10));
        Genome first = Genomes.of("x", 0.4);
        Genome second = Genomes.of("x", 0.6);
        var context = VariationContexts.of(wide, new SplittableRandom(11));
        int crossed = 0;
        int contracted = 0;
        for (int i = 0; i < DRAWS; i++) {
            List<Genome> children = Crossovers.simulatedBinary(20).crossBoth(first, second, context);
            double gap = Math.abs(children.get(0).real("x") - children.get(1).real("x"));
            if (children.get(0).real("x") != 0.4 || children.get(1).real("x") != 0.6) {
                crossed++;
                if (gap < 0.2) {
                    contracted++;
                }
            }
        }
        assertThat(crossed / (double) DRAWS).isCloseTo(0.5, within(0.02));
        assertThat(contracted / (double) crossed).isCloseTo(0.5, within(0.02));
    }

    @Test
    void otherGenesPassFromEachParentToItsChild() {
        SearchSpace space = SearchSpace.of(Gene.real("x", 0.0, 1.0, 1e-10), Gene.bool("flag"));
        Genome first = Genomes.of("x", 0.2, "flag", true);
        Genome second = Genomes.of("x", 0.8, "flag", false);

        List<Genome> children = Crossovers.simulatedBinary(20).crossBoth(first, second, VariationContexts.of(space, 3));

        assertThat(children.get(0).bool("flag")).isTrue();
        assertThat(children.get(1).bool("flag")).isFalse();
    }

    @Test
    void theSingleChildIsOneOfThePair() {
        Genome first = Genomes.of("x", 0.2);
        Genome second = Genomes.of("x", 0.7);
        for (long seed = 0; seed < 100; seed++) {
            List<Genome> both =
                    new SimulatedBinaryCrossover().crossBoth(first, second, VariationContexts.of(UNIT, seed));
            Genome one = new SimulatedBinaryCrossover().cross(first, second, VariationContexts.of(UNIT, seed));
            assertThat(one).isIn(both);
        }
    }

    @Test
    void hasItsIdAndRejectsABadIndex() {
        assertThat(new SimulatedBinaryCrossover().id()).isEqualTo("crossover.sbx");
        assertThat(Crossovers.simulatedBinary(5).distributionIndex()).isEqualTo(5.0);
        assertThatThrownBy(() -> Crossovers.simulatedBinary(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Crossovers.simulatedBinary(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<Gene.RealGene> realGenes() {
        return GeneArbitraries.realGenes();
    }

    private static Allele at(Gene.RealGene gene, double position) {
        return Allele.of(Math.clamp(gene.min() + position * (gene.max() - gene.min()), gene.min(), gene.max()));
    }
}
