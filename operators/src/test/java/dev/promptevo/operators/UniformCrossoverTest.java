package dev.promptevo.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

class UniformCrossoverTest extends CrossoverOperatorContract {
    private static final int DRAWS = 10_000;

    /** A genome that differs from {@link Genomes#seedBase()} in every gene. */
    static Genome opposite() {
        return Genomes.of(
                Spaces.RUBRIC,
                Spaces.EXAMPLE_RUBRICS.get(2),
                Spaces.COT,
                true,
                Spaces.TEMPERATURE,
                0.1,
                Spaces.MAX_TOKENS,
                1024,
                Spaces.RETRIEVER_TOPK,
                8,
                Spaces.USE_CONSENSUS,
                true,
                Spaces.MODEL_KEY,
                "sim-large");
    }

    @Override
    protected CrossoverOperator operator() {
        return new UniformCrossover();
    }

    /** Each gene from the first parent with probability 1/2; standard error 0.005, tolerance 0.02. */
    @Test
    void everyGeneComesFromEitherParentWithEvenOdds() {
        Genome first = Genomes.seedBase();
        Genome second = opposite();
        VariationContext context = VariationContexts.of(Spaces.seedDefault(), new SplittableRandom(31));
        int[] fromFirst = new int[Spaces.seedDefault().genes().size()];
        for (int i = 0; i < DRAWS; i++) {
            Genome child = new UniformCrossover().cross(first, second, context);
            for (int g = 0; g < fromFirst.length; g++) {
                String name = Spaces.seedDefault().genes().get(g).name();
                fromFirst[g] += child.allele(name).equals(first.allele(name)) ? 1 : 0;
            }
        }
        for (int count : fromFirst) {
            assertThat(count / (double) DRAWS).isCloseTo(0.5, within(0.02));
        }
    }

    @Test
    void genesOutsideTheSpaceAreDroppedAndAGeneOnlyOneParentHasIsKept() {
        SearchSpace space = SearchSpace.of(Gene.bool(Spaces.COT), Gene.bool(Spaces.USE_CONSENSUS));
        Genome first = Genomes.of(Spaces.COT, true, "stray", 1);
        Genome second = Genomes.of(Spaces.COT, false, Spaces.USE_CONSENSUS, true);

        for (long seed = 0; seed < 20; seed++) {
            Genome child = new UniformCrossover().cross(first, second, VariationContexts.of(space, seed));
            assertThat(child.alleles()).containsOnlyKeys(Spaces.COT, Spaces.USE_CONSENSUS);
            assertThat(child.bool(Spaces.USE_CONSENSUS)).isTrue();
        }
    }

    @Test
    void hasTheSeedId() {
        assertThat(new UniformCrossover().id()).isEqualTo("crossover.uniform");
        assertThat(Crossovers.uniform().id()).isEqualTo("crossover.uniform");
    }
}
