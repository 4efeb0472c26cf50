package dev.promptevo.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.search.MutationOperator;
import dev.promptevo.api.search.VariationContext;
import dev.promptevo.api.testing.Genomes;
import dev.promptevo.api.testing.MutationOperatorContract;
import dev.promptevo.api.testing.Spaces;
import dev.promptevo.api.testing.VariationContexts;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetrieverTopKStepTest extends MutationOperatorContract {
    private static final int DRAWS = 20_000;

    @Override
    protected MutationOperator operator() {
        return new RetrieverTopKStep();
    }

    /**
     * From 10 (three steps from either bound) a step of k has probability (1/k) / (1 + 1/2 + 1/3):
     * 6/11, 3/11, 2/11, either way with even odds. With 20,000 draws each share's standard error is
     * at most 0.0036; the tolerance is 0.015.
     */
    @Test
    void smallStepsAreLikelierAndBothDirectionsEquallySo() throws InterruptedException {
        Genome parent = Genomes.seedBase().with(Spaces.RETRIEVER_TOPK, Allele.of(10L));
        VariationContext context = VariationContexts.of(Spaces.seedDefault(), new SplittableRandom(11));
        int[] bySize = new int[4];
        int up = 0;
        for (int i = 0; i < DRAWS; i++) {
            long step = new RetrieverTopKStep().mutate(parent, context).integer(Spaces.RETRIEVER_TOPK) - 10;
            assertThat(Math.abs(step)).isBetween(1L, 3L);
            bySize[(int) Math.abs(step)]++;
            up += step > 0 ? 1 : 0;
        }

        assertThat(bySize[1] / (double) DRAWS).isCloseTo(6 / 11.0, within(0.015));
        assertThat(bySize[2] / (double) DRAWS).isCloseTo(3 / 11.0, within(0.015));
        assertThat(bySize[3] / (double) DRAWS).isCloseTo(2 / 11.0, within(0.015));
        assertThat(up / (double) DRAWS).isCloseTo(0.5, within(0.015));
    }

    @Test
    void atZeroEveryChildMovesUpWithTheSameStepSizes() throws InterruptedException {
        Genome parent = Genomes.seedBase().with(Spaces.RETRIEVER_TOPK, Allele.of(0L));
        VariationContext context = VariationContexts.of(Spaces.seedDefault(), new SplittableRandom(12));
        int ones = 0;
        for (int i = 0; i < DRAWS; i++) {
            long child = new RetrieverTopKStep().mutate(parent, context).integer(Spaces.RETRIEVER_TOPK);
            assertThat(child).isBetween(1L, 3L);
            ones += child == 1 ? 1 : 0;
        }
        assertThat(ones / (double) DRAWS).isCloseTo(6 / 11.0, within(0.015));
    }

    @Test
    void hasTheSeedId() {
        assertThat(new RetrieverTopKStep().id()).isEqualTo("mutate.retriever_topk.step");
    }
}
