package dev.promptevo.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.search.VariationContext;
import dev.promptevo.api.testing.VariationContexts;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RealCodedVariationTest {
    private static final SearchSpace SPACE = space();

    private static SearchSpace space() {
        List<Gene> genes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            genes.add(Gene.real("x%02d".formatted(i), i < 6 ? 0.0 : -5.0, i < 6 ? 1.0 : 5.0, 1e-10));
        }
        genes.add(Gene.bool("flag"));
        return new SearchSpace(genes);
    }

    /** SBX with probability 0.9 and then polynomial mutation on each child, written out step by step. */
    private static List<Genome> stepByStep(Genome first, Genome second, VariationContext context) {
        List<Genome> children = context.random().nextDouble() < 0.9
                ? Crossovers.simulatedBinary(20).crossBoth(first, second, context)
                : List.of(first, second);
        PolynomialMutation mutation = new PolynomialMutation();
        return List.of(mutation.mutate(children.get(0), context), mutation.mutate(children.get(1), context));
    }

    @Test
    void breedsWhatTheTwoOperatorsBreedOneAfterTheOther() {
        RealCodedVariation variation = RealCodedVariation.of(0.9, 20, 20);
        for (long seed = 0; seed < 300; seed++) {
            SplittableRandom parents = new SplittableRandom(seed);
            Genome first = SPACE.sample(parents);
            Genome second = SPACE.sample(parents);

            List<Genome> fused = variation.breed(first, second, VariationContexts.of(SPACE, ~seed));
            List<Genome> separate = stepByStep(first, second, VariationContexts.of(SPACE, ~seed));

            assertThat(fused).as("seed %d", seed).isEqualTo(separate);
            assertThat(fused)
                    .allSatisfy(child -> assertThat(SPACE.violations(child)).isEmpty());
        }
    }

    @Test
    void withoutCrossoverTheParentsAreOnlyMutated() {
        RealCodedVariation variation = RealCodedVariation.of(0.0, 20, 20);
        SplittableRandom random = new SplittableRandom(4);
        Genome first = SPACE.sample(random);
        Genome second = SPACE.sample(random);
        int unchanged = 0;
        for (long seed = 0; seed < 200; seed++) {
            List<Genome> children = variation.breed(first, second, VariationContexts.of(SPACE, seed));
            assertThat(Changes.between(first, children.get(0))).hasSizeLessThan(6);
            if (children.get(0) == first) {
                unchanged++;
            }
        }
        // Each of 12 genes mutates with probability 1/12: no gene at all in (11/12)^12 = 35% of draws.
        assertThat(unchanged).isBetween(40, 100);
    }

    @Test
    void rejectsABadProbability() {
        assertThatThrownBy(() -> RealCodedVariation.of(1.5, 20, 20)).isInstanceOf(IllegalArgumentException.class);
    }
}
