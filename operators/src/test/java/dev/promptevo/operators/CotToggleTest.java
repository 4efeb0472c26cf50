package dev.promptevo.operators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.search.MutationOperator;
import dev.promptevo.api.testing.Genomes;
import dev.promptevo.api.testing.MutationOperatorContract;
import dev.promptevo.api.testing.Spaces;
import dev.promptevo.api.testing.VariationContexts;
import org.junit.jupiter.api.Test;

class CotToggleTest extends MutationOperatorContract {

    @Override
    protected MutationOperator operator() {
        return new CotToggle();
    }

    @Test
    void flipsCotAndNothingElse() throws InterruptedException {
        Genome base = Genomes.seedBase();
        var context = VariationContexts.of(Spaces.seedDefault(), 1);

        Genome child = new CotToggle().mutate(base, context);

        assertThat(child.bool(Spaces.COT)).isTrue();
        assertThat(Changes.between(base, child)).containsExactly(Spaces.COT);
        assertThat(new CotToggle().mutate(child, context)).isEqualTo(base);
    }

    @Test
    void returnsTheParentItselfWhenTheSpaceHasNoBooleanCot() throws InterruptedException {
        Genome parent = Genomes.of(Spaces.COT, 3);
        SearchSpace space = SearchSpace.of(Gene.integer(Spaces.COT, 0, 5, 1));

        assertThat(new CotToggle().appliesTo(space)).isFalse();
        assertThat(new CotToggle().mutate(parent, VariationContexts.of(space, 1)))
                .isSameAs(parent);
    }

    @Test
    void hasTheSeedId() {
        assertThat(new CotToggle().id()).isEqualTo("mutate.cot.toggle");
    }
}
