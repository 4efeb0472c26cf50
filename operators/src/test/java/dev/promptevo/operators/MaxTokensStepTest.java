package dev.promptevo.operators;

import static org.assertj.core.api.Assertions.assertThat;

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

class MaxTokensStepTest extends MutationOperatorContract {

    @Override
    protected MutationOperator operator() {
        return new MaxTokensStep();
    }

    @Test
    void movesMaxTokensByWholeGridStepsAndNothingElse() throws InterruptedException {
        Genome base = Genomes.seedBase();
        VariationContext context = VariationContexts.of(Spaces.seedDefault(), new SplittableRandom(5));
        for (int i = 0; i < 1_000; i++) {
            Genome child = new MaxTokensStep().mutate(base, context);
            assertThat(Changes.between(base, child)).containsExactly(Spaces.MAX_TOKENS);
            assertThat(child.integer(Spaces.MAX_TOKENS)).isIn(320L, 384L, 448L, 576L, 640L, 704L);
        }
    }

    @Test
    void atTheTopEveryChildMovesDown() throws InterruptedException {
        Genome top = Genomes.seedBase().with(Spaces.MAX_TOKENS, Allele.of(1024L));
        VariationContext context = VariationContexts.of(Spaces.seedDefault(), new SplittableRandom(6));
        for (int i = 0; i < 1_000; i++) {
            assertThat(new MaxTokensStep().mutate(top, context).integer(Spaces.MAX_TOKENS))
                    .isIn(960L, 896L, 832L);
        }
    }

    @Test
    void hasTheSeedId() {
        assertThat(new MaxTokensStep().id()).isEqualTo("mutate.max_tokens.step");
    }
}
