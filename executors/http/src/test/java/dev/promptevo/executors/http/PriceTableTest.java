package dev.promptevo.executors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.api.model.ModelPrice;
import dev.promptevo.executors.http.testing.LogCapture;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class PriceTableTest {

    @Test
    void theBundledTableKnowsEachProvidersWellKnownModels() {
        assertThat(PriceTable.bundled("openai").price("gpt-4o-mini")).contains(new ModelPrice(0.15, 0.60));
        assertThat(PriceTable.bundled("openai").price("gpt-4.1")).contains(new ModelPrice(2.00, 8.00));
        assertThat(PriceTable.bundled("anthropic").price("claude-sonnet-4-5")).contains(new ModelPrice(3.00, 15.00));
        assertThat(PriceTable.bundled("anthropic").price("claude-haiku-4-5")).contains(new ModelPrice(1.00, 5.00));
        assertThat(PriceTable.bundled("openai").prices()).doesNotContainKey("claude-sonnet-4-5");
    }

    @Test
    void ollamaPricesEveryModelAtZeroAndReportsNone() {
        try (LogCapture logs = LogCapture.start()) {
            PriceTable ollama = PriceTable.bundled("ollama");
            assertThat(ollama.price("llama3.1:8b")).contains(new ModelPrice(0, 0));
            assertThat(ollama.unknownModels()).isEmpty();
            assertThat(logs.messages(Level.WARNING)).isEmpty();
        }
    }

    @Test
    void settingsOverrideARowOrAddAModel() {
        PriceTable table = PriceTable.fromSettings(
                "openai",
                Map.of(
                        "price.gpt-4o-mini.input", "0.10",
                        "price.my-vllm-model.input", "0",
                        "price.my-vllm-model.output", "0",
                        "price.llama3.1:8b.input", "0.02",
                        "price.llama3.1:8b.output", "0.05",
                        "base-url", "ignored here"));

        assertThat(table.price("gpt-4o-mini")).contains(new ModelPrice(0.10, 0.60));
        assertThat(table.price("my-vllm-model")).contains(new ModelPrice(0, 0));
        assertThat(table.price("llama3.1:8b")).contains(new ModelPrice(0.02, 0.05));
    }

    @Test
    void aWildcardPricesEveryUnlistedModel() {
        PriceTable table = PriceTable.fromSettings("openai", Map.of("price.*.input", "0", "price.*.output", "0"));
        assertThat(table.price("whatever-vllm-serves")).contains(new ModelPrice(0, 0));
        assertThat(table.price("gpt-4o")).contains(new ModelPrice(2.50, 10.00));
    }

    @Test
    void anUnknownModelIsReportedOnceNotPricedAtZero() {
        PriceTable table = PriceTable.bundled("openai");
        List<String> warnings;
        try (LogCapture logs = LogCapture.start()) {
            assertThat(table.price("gpt-99")).isEmpty();
            assertThat(table.price("gpt-99")).isEmpty();
            assertThat(table.price("gpt-98")).isEmpty();
            warnings = logs.messages(Level.WARNING);
        }
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0))
                .contains("openai")
                .contains("'gpt-99'")
                .contains("price.gpt-99.input")
                .contains("price.gpt-99.output");
        assertThat(table.unknownModels()).containsExactlyInAnyOrder("gpt-99", "gpt-98");
    }

    @Test
    void badPricesNameTheirKey() {
        assertThatThrownBy(() -> PriceTable.fromSettings("openai", Map.of("price.x.input", "cheap")))
                .hasMessageContaining("'price.x.input' must be a number >= 0");
        assertThatThrownBy(() -> PriceTable.fromSettings("openai", Map.of("price.x.input", "-1")))
                .hasMessageContaining("'price.x.input'");
        assertThatThrownBy(() -> PriceTable.fromSettings("openai", Map.of("price.x.input", "1")))
                .hasMessageContaining("lack 'price.x.output'");
    }
}
