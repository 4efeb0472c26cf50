package dev.promptevo.api.genome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.api.testing.GeneArbitraries;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Gene.RealGene#snap} at every resolution: a fine resolution keeps its precision (the step
 * that removes binary noise never rounds coarser than the grid), and a coarse decimal grid still
 * lands on its decimals exactly.
 */
class RealGeneResolutionPropertiesTest {

    /**
     * Genes whose resolution runs from 1e-4 down to below what doubles can carry (1e-300 and
     * {@link Double#MIN_VALUE}), in decimal and non-decimal (thirds, quarters) steps.
     */
    @Provide
    Arbitrary<Gene.RealGene> fineGenes() {
        Arbitrary<Double> resolutions = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers().between(4, 300), Arbitraries.of(1.0, 2.5, 1.0 / 3))
                        .as((exponent, mantissa) -> mantissa * Math.pow(10, -exponent)),
                Arbitraries.just(Double.MIN_VALUE));
        return Combinators.combine(
                        GeneArbitraries.decimal("-1000", "1000"), GeneArbitraries.decimal("0.001", "1000"), resolutions)
                .as((min, width, resolution) ->
                        Gene.real("x", min.doubleValue(), min.add(width).doubleValue(), resolution));
    }

    @Provide
    Arbitrary<Gene.RealGene> coarseGenes() {
        return GeneArbitraries.realGenes();
    }

    private static double inside(Gene.RealGene gene, long seed) {
        return new SplittableRandom(seed).nextDouble(gene.min(), gene.max());
    }

    /** What rounding error the grid arithmetic itself may add: a few ulps of the values involved. */
    private static double noise(Gene.RealGene gene, double value) {
        return 16 * Math.ulp(Math.max(Math.abs(gene.min()), Math.abs(value)));
    }

    @Property(seed = "20261125")
    void fineSnapIsInRangeAndIdempotent(@ForAll("fineGenes") Gene.RealGene gene, @ForAll long seed) {
        Allele.Real snapped = gene.snap(inside(gene, seed));

        assertThat(gene.violation(snapped)).isEmpty();
        assertThat(gene.snap(snapped.value())).isEqualTo(snapped);
    }

    @Property(seed = "20261125")
    void fineSnapMovesAValueByAtMostHalfAStep(@ForAll("fineGenes") Gene.RealGene gene, @ForAll long seed) {
        double value = inside(gene, seed);

        assertThat(Math.abs(gene.snap(value).value() - value))
                .as("snap(%s) in %s", value, gene)
                .isLessThanOrEqualTo(gene.resolution() / 2 + noise(gene, value));
    }

    @Property(seed = "20261125")
    void fineSnapKeepsNeighbouringGridPointsApart(@ForAll("fineGenes") Gene.RealGene gene, @ForAll long seed) {
        double value = inside(gene, seed);
        double next = value + gene.resolution();
        Assume.that(next > value && next <= gene.max());

        assertThat(gene.snap(next).value())
                .as("snap(%s) and snap(%s) in %s", value, next, gene)
                .isGreaterThan(gene.snap(value).value());
    }

    /** Equal-looking genomes share an id: on a coarse decimal grid a snapped value is that decimal. */
    @Property(seed = "20261125")
    void coarseSnapIsADecimalOfTheGrid(@ForAll("coarseGenes") Gene.RealGene gene, @ForAll double value) {
        double snapped = gene.snap(value).value();
        Assume.that(snapped != gene.max());

        assertThat(new BigDecimal(Double.toString(snapped)).stripTrailingZeros().scale())
                .as("snap(%s) = %s in %s", value, snapped, gene)
                .isLessThanOrEqualTo(3);
    }

    @Example
    void binaryNoiseIsRemovedAtCoarseAndFineResolutions() {
        assertThat(Gene.real("t", 0, 1, 0.1).snap(0.1 + 0.2).value()).isEqualTo(0.3);
        assertThat(Gene.real("t", 0, 1, 1e-12).snap(0.1 + 0.2).value()).isEqualTo(0.3);
        assertThat(Gene.real("t", -5, 5, 0.05).snap(-4.7 + 5.0).value()).isEqualTo(0.3);
        Gene.RealGene large = Gene.real("n", 0, 1e7, 0.1);
        assertThat(large.snap(700000.3).value()).isEqualTo(700000.3);
        assertThat(large.snap(9999999.7).value()).isEqualTo(9999999.7);
    }

    @Example
    void aContinuousGeneKeepsEveryDouble() {
        Gene.RealGene gene = Gene.real("x", 0, 1, Double.MIN_VALUE);

        assertThat(gene.snap(3e-11).value()).isEqualTo(3e-11);
        assertThat(gene.snap(Double.MIN_VALUE).value()).isEqualTo(Double.MIN_VALUE);
        assertThat(gene.snap(0.1 + 0.2).value()).isEqualTo(0.1 + 0.2);
        assertThat(gene.snap(Math.nextDown(1.0)).value()).isEqualTo(Math.nextDown(1.0));
        assertThat(gene.snap(-1.0).value()).isZero();
    }

    @Example
    void aFineGridKeepsItsDigits() {
        assertThat(Gene.real("x", 0, 1, 1e-12).snap(0.123456789012).value()).isEqualTo(0.123456789012);
        assertThat(Gene.real("x", 0, 1, 1e-12).snap(3e-12).value()).isEqualTo(3e-12);
    }
}
