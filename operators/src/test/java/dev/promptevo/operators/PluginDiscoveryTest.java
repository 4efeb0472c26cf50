package dev.promptevo.operators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.api.plugin.Plugin;
import dev.promptevo.api.plugin.PluginRegistry;
import dev.promptevo.api.plugin.Plugins;
import dev.promptevo.api.search.CrossoverOperator;
import dev.promptevo.api.search.MutationOperator;
import dev.promptevo.api.testing.Spaces;
import org.junit.jupiter.api.Test;

class PluginDiscoveryTest {

    @Test
    void everyMutationIsFoundWithAUniqueIdAndAppliesToTheSeedSpace() {
        PluginRegistry<MutationOperator> registry = Plugins.load(MutationOperator.class);

        assertThat(registry.all())
                .extracting(Plugin::id)
                .containsExactly(
                        "mutate.consensus.toggle",
                        "mutate.cot.toggle",
                        "mutate.max_tokens.step",
                        "mutate.model.change",
                        "mutate.polynomial",
                        "mutate.retriever_topk.step",
                        "mutate.rubric.rewrite",
                        "mutate.temperature.gaussian");
        assertThat(registry.all())
                .allSatisfy(operator -> assertThat(operator.appliesTo(Spaces.seedDefault()))
                        .as(operator.id())
                        .isTrue());
        assertThat(registry.get(CotToggle.ID)).isInstanceOf(CotToggle.class);
    }

    @Test
    void everyCrossoverIsFoundWithAUniqueId() {
        assertThat(Plugins.load(CrossoverOperator.class).all())
                .extracting(Plugin::id)
                .containsExactly("crossover.blend", "crossover.sbx", "crossover.uniform");
    }

    @Test
    void pluginsReportADevVersionOutsideAReleasedJar() {
        assertThat(new CotToggle().version()).isNotBlank();
    }
}
