package dev.promptevo.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.search.MutationOperator;
import dev.promptevo.api.search.VariationContext;
import dev.promptevo.api.testing.Genomes;
import dev.promptevo.api.testing.MutationOperatorContract;
import dev.promptevo.api.testing.Spaces;
import dev.promptevo.api.testing.VariationContexts;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ModelChangeTest extends MutationOperatorContract {

    @Override
    protected MutationOperator operator() {
        return new ModelChange();
    }

    /** Each of the two other models with probability 1/2; 10,000 draws, standard error 0.005. */
    @Test
    void picksAnotherModelUniformly() throws InterruptedException {
        Genome base = Genomes.seedBase();
        VariationContext context = VariationContexts.of(Spaces.seedDefault(), new SplittableRandom(21));
        int small = 0;
        for (int i = 0; i < 10_000; i++) {
            Genome child = new ModelChange().mutate(base, context);
            assertThat(Changes.between(base, child)).containsExactly(Spaces.MODEL_KEY);
            assertThat(child.text(Spaces.MODEL_KEY)).isIn("sim-small", "sim-large");
            small += child.text(Spaces.MODEL_KEY).equals("sim-small") ? 1 : 0;
        }
        assertThat(small / 10_000.0).isCloseTo(0.5, within(0.02));
    }

    @Test
    void aSingleModelStays() throws InterruptedException {
        SearchSpace space = SearchSpace.of(Gene.choice(Spaces.MODEL_KEY, List.of("only")));
        Genome parent = Genomes.of(Spaces.MODEL_KEY, "only");

        assertThat(new ModelChange().mutate(parent, VariationContexts.of(space, 1)))
                .isSameAs(parent);
    }

    @Test
    void anUnknownModelIsReplacedByAKnownOne() throws InterruptedException {
        Genome stale = Genomes.seedBase().with(Spaces.MODEL_KEY, Allele.of("retired"));

        Genome child = new ModelChange().mutate(stale, VariationContexts.of(Spaces.seedDefault(), 1));

        assertThat(child.text(Spaces.MODEL_KEY)).isIn(Spaces.MODEL_KEYS);
    }

    @Test
    void hasTheSeedId() {
        assertThat(new ModelChange().id()).isEqualTo("mutate.model.change");
    }
}
