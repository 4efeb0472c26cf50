package dev.promptevo.api.genome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.api.testing.GeneArbitraries;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SearchSpacePropertiesTest {

    @Provide
    Arbitrary<SearchSpace> spaces() {
        return GeneArbitraries.spaces();
    }

    @Property(seed = "20261125")
    void sampledGenomesAreValidPoints(@ForAll("spaces") SearchSpace space, @ForAll long seed) {
        Genome genome = space.sample(new SplittableRandom(seed));

        assertThat(space.violations(genome)).isEmpty();
        assertThat(space.requireValid(genome)).isSameAs(genome);
    }

    @Property(seed = "20261125")
    void samplingReplaysFromItsSeed(@ForAll("spaces") SearchSpace space, @ForAll long seed) {
        assertThat(space.sample(new SplittableRandom(seed))).isEqualTo(space.sample(new SplittableRandom(seed)));
    }

    @Property(seed = "20261125")
    void aMissingGeneIsReported(@ForAll("spaces") SearchSpace space, @ForAll long seed) {
        Genome genome = space.sample(new SplittableRandom(seed));
        String dropped = space.genes().getLast().name();
        Map<String, Allele> alleles = new LinkedHashMap<>(genome.alleles());
        alleles.remove(dropped);

        assertThat(space.violations(Genome.of(alleles))).containsExactly("missing gene '" + dropped + "'");
    }

    @Property(seed = "20261125")
    void anUnknownGeneIsReported(@ForAll("spaces") SearchSpace space, @ForAll long seed) {
        Genome genome = space.sample(new SplittableRandom(seed)).with("stray", Allele.of(true));

        assertThat(space.violations(genome)).containsExactly("unknown gene 'stray'");
        assertThatThrownBy(() -> space.requireValid(genome))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(genome.id())
                .hasMessageContaining("unknown gene 'stray'");
    }

    @Property(seed = "20261125")
    void anOutOfRangeNumberIsReported(@ForAll("spaces") SearchSpace space, @ForAll long seed) {
        Genome genome = space.sample(new SplittableRandom(seed));
        for (Gene gene : space.genes()) {
            Allele outside = switch (gene) {
                case Gene.IntegerGene g -> Allele.of(g.max() + g.step());
                case Gene.RealGene g -> Allele.of(g.max() + g.resolution());
                default -> null;
            };
            if (outside != null) {
                assertThat(space.violations(genome.with(gene.name(), outside)))
                        .singleElement()
                        .asString()
                        .startsWith(gene.name() + " must be in [");
            }
        }
    }

    @Property(seed = "20261125")
    void everyProblemIsReported(@ForAll("spaces") SearchSpace space, @ForAll long seed) {
        Genome genome = space.sample(new SplittableRandom(seed));
        Map<String, Allele> alleles = new LinkedHashMap<>();
        genome.alleles().forEach((name, allele) -> alleles.put(name, Allele.of(Double.MAX_VALUE)));
        alleles.put("stray", Allele.of(1L));

        assertThat(space.violations(Genome.of(alleles))).hasSize(space.genes().size() + 1);
    }

    @Example
    void geneNamesMustBeUnique() {
        assertThatThrownBy(() -> SearchSpace.of(Gene.bool("a"), Gene.integer("a", 0, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
