package dev.promptevo.operators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.search.MutationOperator;
import dev.promptevo.api.testing.Genomes;
import dev.promptevo.api.testing.MutationOperatorContract;
import dev.promptevo.api.testing.Spaces;
import dev.promptevo.api.testing.VariationContexts;
import org.junit.jupiter.api.Test;

class ConsensusToggleTest extends MutationOperatorContract {

    @Override
    protected MutationOperator operator() {
        return new ConsensusToggle();
    }

    @Test
    void flipsUseConsensusAndNothingElse() throws InterruptedException {
        Genome base = Genomes.seedBase();

        Genome child = new ConsensusToggle().mutate(base, VariationContexts.of(Spaces.seedDefault(), 1));

        assertThat(child.bool(Spaces.USE_CONSENSUS)).isTrue();
        assertThat(Changes.between(base, child)).containsExactly(Spaces.USE_CONSENSUS);
    }

    @Test
    void hasTheSeedId() {
        assertThat(new ConsensusToggle().id()).isEqualTo("mutate.consensus.toggle");
    }
}
