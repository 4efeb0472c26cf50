package dev.promptevo.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.search.MutationOperator;
import dev.promptevo.api.testing.Genomes;
import dev.promptevo.api.testing.VariationContexts;
import java.util.List;
import org.junit.jupiter.api.Test;

class MutatorsTest {

    @Test
    void idsNameTheGeneAndTheKind() {
        assertThat(List.of(
                        Mutators.toggle("verbose"),
                        Mutators.gaussian("top_p", 0.1),
                        Mutators.integerStep("beam_width", 2),
                        Mutators.changeChoice("retriever"),
                        Mutators.rubricRewrite("system_prompt")))
                .extracting(MutationOperator::id)
                .containsExactly(
                        "mutate.verbose.toggle",
                        "mutate.top_p.gaussian",
                        "mutate.beam_width.step",
                        "mutate.retriever.change",
                        "mutate.system_prompt.rewrite");
    }

    @Test
    void factoriesWorkOnAnyGeneName() throws InterruptedException {
        SearchSpace space = SearchSpace.of(
                Gene.bool("verbose"),
                Gene.real("top_p", 0.1, 1.0, 0.01),
                Gene.integer("beam_width", 1, 8, 1),
                Gene.choice("retriever", List.of("bm25", "dense")));
        Genome parent = Genomes.of("verbose", false, "top_p", 0.9, "beam_width", 1, "retriever", "bm25");
        var context = VariationContexts.of(space, 17);

        assertThat(Changes.between(parent, Mutators.toggle("verbose").mutate(parent, context)))
                .containsExactly("verbose");
        assertThat(Changes.between(parent, Mutators.gaussian("top_p", 0.1).mutate(parent, context)))
                .containsExactly("top_p");
        assertThat(Mutators.integerStep("beam_width", 2).mutate(parent, context).integer("beam_width"))
                .isIn(2L, 3L);
        assertThat(Mutators.changeChoice("retriever").mutate(parent, context).text("retriever"))
                .isEqualTo("dense");
    }

    @Test
    void anIntegerGeneWithOneValueStays() throws InterruptedException {
        SearchSpace space = SearchSpace.of(Gene.integer("n", 5, 9, 10));
        Genome parent = Genomes.of("n", 5);

        assertThat(Mutators.integerStep("n", 3).mutate(parent, VariationContexts.of(space, 1)))
                .isSameAs(parent);
    }

    @Test
    void aRealGeneWithFewValuesStillMoves() throws InterruptedException {
        SearchSpace space = SearchSpace.of(Gene.real("x", 0.0, 1.0, 0.6));

        for (long seed = 0; seed < 50; seed++) {
            var context = VariationContexts.of(space, seed);
            MutationOperator gaussian = Mutators.gaussian("x", 0.1);
            assertThat(gaussian.mutate(Genomes.of("x", 0.0), context).real("x")).isEqualTo(0.6);
            assertThat(gaussian.mutate(Genomes.of("x", 1.0), context).real("x")).isEqualTo(0.6);
            assertThat(gaussian.mutate(Genomes.of("x", 0.6), context).real("x")).isIn(0.0, 1.0);
        }
    }

    @Test
    void anOperatorLeavesAGeneOfAnotherTypeAlone() throws InterruptedException {
        SearchSpace space = SearchSpace.of(Gene.choice("cot", List.of("short", "long")));
        Genome parent = Genomes.of("cot", "short");

        assertThat(Mutators.toggle("cot").appliesTo(space)).isFalse();
        assertThat(Mutators.toggle("cot").mutate(parent, VariationContexts.of(space, 1)))
                .isSameAs(parent);
    }

    @Test
    void badArgumentsFailAtOnce() {
        assertThatThrownBy(() -> Mutators.toggle("Not A Gene")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Mutators.gaussian("t", 0.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Mutators.gaussian("t", Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Mutators.integerStep("n", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Mutators.changeChoice(null)).isInstanceOf(NullPointerException.class);
    }
}
