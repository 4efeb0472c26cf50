package dev.promptevo.executors.minilm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.api.eval.RetrieverProvider;
import dev.promptevo.api.eval.Validator;
import dev.promptevo.api.plugin.Plugins;
import org.junit.jupiter.api.Test;

class PluginDiscoveryTest {

    @Test
    void theRetrieverIsDiscoveredByItsId() {
        assertThat(Plugins.load(RetrieverProvider.class).get("retriever.minilm"))
                .isInstanceOf(EmbeddingRetrieverProvider.class);
    }

    @Test
    void theScorerIsDiscoveredButOptInSoItCannotChangeEveryRunsFitness() {
        Validator scorer = Plugins.load(Validator.class).get(EmbeddingSimilarityScorer.ID);
        assertThat(scorer).isInstanceOf(EmbeddingSimilarityScorer.class);
        assertThat(scorer.enabledByDefault()).isFalse();
    }
}
