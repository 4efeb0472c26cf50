package dev.promptevo.api.genome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.api.testing.GeneArbitraries;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class GenePropertiesTest {

    @Provide
    Arbitrary<Gene.RealGene> realGenes() {
        return GeneArbitraries.realGenes();
    }

    @Provide
    Arbitrary<Gene.IntegerGene> integerGenes() {
        return GeneArbitraries.integerGenes();
    }

    @Provide
    Arbitrary<Gene.IntegerGene> alignedIntegerGenes() {
        return GeneArbitraries.alignedIntegerGenes();
    }

    @Provide
    Arbitrary<Gene> genes() {
        return GeneArbitraries.spaces().map(space -> space.genes().getFirst());
    }

    @Property(seed = "20261125")
    void realSnapIsInRangeAndIdempotent(@ForAll("realGenes") Gene.RealGene gene, @ForAll double value) {
        Allele.Real snapped = gene.snap(value);

        assertThat(snapped.value()).isBetween(gene.min(), gene.max());
        assertThat(gene.violation(snapped)).isEmpty();
        assertThat(gene.snap(snapped.value())).isEqualTo(snapped);
    }

    @Property(seed = "20261125")
    void realSnapLandsOnTheGridOrTheMaximum(@ForAll("realGenes") Gene.RealGene gene, @ForAll double value) {
        double snapped = gene.snap(value).value();
        double steps = (snapped - gene.min()) / gene.resolution();

        assertThat(snapped == gene.max() || Math.abs(steps - Math.rint(steps)) < 1e-6)
                .as("%s is on the grid of %s", snapped, gene)
                .isTrue();
    }

    @Property(seed = "20261125")
    void realSnapPicksTheNearestGridValue(@ForAll("realGenes") Gene.RealGene gene, @ForAll double value) {
        double clamped = Math.clamp(value, gene.min(), gene.max());

        assertThat(Math.abs(gene.snap(value).value() - clamped)).isLessThanOrEqualTo(gene.resolution() / 2 + 1e-9);
    }

    @Property(seed = "20261125")
    void integerSnapIsInRangeAndIdempotent(@ForAll("integerGenes") Gene.IntegerGene gene, @ForAll double value) {
        Allele.Int snapped = gene.snap(value);

        assertThat(snapped.value()).isBetween(gene.min(), gene.max());
        assertThat(gene.snap(snapped.value())).isEqualTo(snapped);
    }

    /**
     * On the grid only when the maximum is: with min 0, max 10, step 4, {@code snap(10)} rounds to 12,
     * is clamped to 10, and 10 is not a grid value (see the report on {@link Gene.IntegerGene#snap}).
     */
    @Property(seed = "20261125")
    void integerSnapLandsOnTheGrid(@ForAll("alignedIntegerGenes") Gene.IntegerGene gene, @ForAll double value) {
        assertThat(gene.violation(gene.snap(value))).isEmpty();
    }

    @Property(seed = "20261125")
    void samplesAreInTheDomain(@ForAll("genes") Gene gene, @ForAll long seed) {
        assertThat(gene.violation(gene.sample(new SplittableRandom(seed)))).isEmpty();
    }

    @Property(seed = "20261125")
    void integerValuesOffTheGridAreViolations(@ForAll("alignedIntegerGenes") Gene.IntegerGene gene, @ForAll long seed) {
        long value = ((Allele.Int) gene.sample(new SplittableRandom(seed))).value();

        assertThat(gene.violation(Allele.of(gene.max() + gene.step())))
                .hasValueSatisfying(v -> assertThat(v).contains("must be in"));
        assertThat(gene.violation(Allele.of(gene.min() - 1))).isPresent();
        if (gene.step() > 1 && value < gene.max()) {
            assertThat(gene.violation(Allele.of(value + 1)))
                    .hasValueSatisfying(v -> assertThat(v).contains("multiple of " + gene.step()));
        }
    }

    @Example
    void alleleTypesMustMatchTheirGene() {
        assertThat(Gene.bool("b").violation(Allele.of(1L))).hasValue("b must be a boolean");
        assertThat(Gene.integer("i", 0, 3, 1).violation(Allele.of(1.0))).hasValue("i must be an integer");
        assertThat(Gene.real("r", 0, 1, 0.1).violation(Allele.of(1L))).hasValue("r must be a real number");
        assertThat(Gene.choice("c", java.util.List.of("a")).violation(Allele.of(true)))
                .hasValue("c must be a string");
        assertThat(Gene.text("t", 3, java.util.List.of("abc")).violation(Allele.of("abcd")))
                .hasValue("t must be at most 3 characters, got 4");
    }

    @Example
    void negativeZeroIsZero() {
        assertThat(Allele.of(-0.0)).isEqualTo(Allele.of(0.0));
        assertThat(Allele.of(-0.0).toJson()).isEqualTo("0.0");
    }
}
