package dev.promptevo.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.search.CrossoverOperator;
import dev.promptevo.api.search.VariationContext;
import dev.promptevo.api.testing.CrossoverOperatorContract;
import dev.promptevo.api.testing.Genomes;
import dev.promptevo.api.testing.Spaces;
import dev.promptevo.api.testing.VariationContexts;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlendCrossoverTest extends CrossoverOperatorContract {
    private static final int DRAWS = 10_000;

    @Override
    protected CrossoverOperator operator() {
        return new BlendCrossover();
    }

    @Override
    protected boolean blending() {
        return true;
    }

    /**
     * Between 0.0 and 2.0 the child's temperature is uniform on the 41-value grid, the two ends half
     * as likely (1/80 against 1/40): mean 1.0; the quarters [0, 0.5), [0.5, 1), [1, 1.5), [1.5, 2]
     * hold 0.2375, 0.25, 0.25 and 0.2625 of the children. Standard errors 0.006 and 0.0044;
     * tolerances 0.03 and 0.015.
     */
    @Test
    void realsAreSpreadUniformlyBetweenTheParents() {
        Genome cold = Genomes.seedBase().with(Spaces.TEMPERATURE, Allele.of(0.0));
        Genome hot = cold.with(Spaces.TEMPERATURE, Allele.of(2.0));
        VariationContext context = VariationContexts.of(Spaces.seedDefault(), new SplittableRandom(41));
        double sum = 0;
        int[] quarters = new int[4];
        for (int i = 0; i < DRAWS; i++) {
            double t = new BlendCrossover().cross(cold, hot, context).real(Spaces.TEMPERATURE);
            assertThat(Math.abs(t / 0.05 - Math.rint(t / 0.05))).isLessThan(1e-9);
            sum += t;
            quarters[Math.min(3, (int) (t / 0.5))]++;
        }

        assertThat(sum / DRAWS).isCloseTo(1.0, within(0.03));
        double[] expected = {0.2375, 0.25, 0.25, 0.2625};
        for (int q = 0; q < 4; q++) {
            assertThat(quarters[q] / (double) DRAWS).isCloseTo(expected[q], within(0.015));
        }
    }

    @Test
    void integersAreBlendedOnTheirGrid() {
        Genome few = Genomes.seedBase().with(Spaces.MAX_TOKENS, Allele.of(64L));
        Genome many = few.with(Spaces.MAX_TOKENS, Allele.of(1024L));
        VariationContext context = VariationContexts.of(Spaces.seedDefault(), new SplittableRandom(42));
        double sum = 0;
        for (int i = 0; i < DRAWS; i++) {
            long tokens = new BlendCrossover().cross(few, many, context).integer(Spaces.MAX_TOKENS);
            assertThat((tokens - 64) % 64).isZero();
            sum += tokens;
        }
        assertThat(sum / DRAWS).isCloseTo(544.0, within(10.0));
    }

    @Test
    void aParentOffTheGridBoundsTheBlend() {
        SearchSpace space = SearchSpace.of(Gene.real(Spaces.TEMPERATURE, 0.0, 2.0, 0.05));
        Genome first = Genomes.of(Spaces.TEMPERATURE, 0.2);
        Genome second = Genomes.of(Spaces.TEMPERATURE, 0.33);

        for (long seed = 0; seed < 200; seed++) {
            double t = new BlendCrossover()
                    .cross(first, second, VariationContexts.of(space, seed))
                    .real(Spaces.TEMPERATURE);
            assertThat(t).isBetween(0.2, 0.33);
        }
    }

    @Test
    void hasTheSeedId() {
        assertThat(new BlendCrossover().id()).isEqualTo("crossover.blend");
        assertThat(Crossovers.blend().id()).isEqualTo("crossover.blend");
    }
}
