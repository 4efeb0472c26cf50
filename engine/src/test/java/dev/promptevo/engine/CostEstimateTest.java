package dev.promptevo.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelPrice;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse;
import dev.promptevo.engine.evolution.OptimizerConfig;
import dev.promptevo.engine.execution.Budget;
import dev.promptevo.engine.task.TaskBundle;
import dev.promptevo.engine.task.TaskLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CostEstimateTest {
    private static final TaskBundle EXAMPLE = TaskLoader.load(Path.of("../examples/ticket-triage"));

    /** Prices two of the example's three models: 1 and 10 USD per million tokens in and out. */
    private static final ModelBackend PRICED = new ModelBackend() {
        private final Map<String, ModelPrice> prices =
                Map.of("sim-small", new ModelPrice(1, 1), "sim-large", new ModelPrice(10, 10));

        @Override
        public String id() {
            return "priced";
        }

        @Override
        public ModelResponse complete(ModelRequest request) {
            throw new AssertionError("an estimate makes no call");
        }

        @Override
        public Optional<ModelPrice> price(String model) {
            return Optional.ofNullable(prices.get(model));
        }
    };

    @Test
    void plansEveryExampleForEveryNewCandidateAndPricesThePlan() {
        OptimizerConfig config =
                OptimizerConfig.defaults().withPopulationSize(10).withGenerations(3);
        CostEstimate estimate = CostEstimate.of(EXAMPLE, config, PRICED, 3);
        int examples = EXAMPLE.dataset().size();
        long candidates = 10 + 2 * (10 - config.eliteCount());
        assertThat(estimate.plannedCalls()).isEqualTo(candidates * examples);
        assertThat(estimate.unpricedModels()).containsExactly("sim-medium");
        assertThat(estimate.typicalUsd()).isPositive();
        // the ceiling prices full answers at the dearest model with consensus: above the typical figure
        assertThat(estimate.ceilingUsd()).isGreaterThan(estimate.typicalUsd() * 3);
        double perCallCeiling = estimate.ceilingUsd() / estimate.plannedCalls() / 3;
        long maxTokens = EXAMPLE.baseGenome().integer("max_tokens");
        assertThat(perCallCeiling).isGreaterThan(maxTokens * 10 / 1e6).isLessThan((maxTokens + 2000) * 10 / 1e6);
        assertThat(estimate.describe()).contains("no USD budget set").contains("sim-medium");
    }

    @Test
    void reportsTheBudgetCap() {
        OptimizerConfig config = OptimizerConfig.defaults().withBudget(Budget.UNLIMITED.withMaxUsd(2.5));
        CostEstimate estimate = CostEstimate.of(EXAMPLE.withModels(List.of("sim-small")), config, PRICED, 3);
        assertThat(estimate.budgetUsd().getAsDouble()).isCloseTo(2.5, within(1e-12));
        assertThat(estimate.unpricedModels()).isEmpty();
        assertThat(estimate.describe()).contains("the budget caps it at $2.50");
    }

    @Test
    void withModelsReplacesTheModelChoiceAndMovesTheBase() {
        TaskBundle narrowed = EXAMPLE.withModels(List.of("sim-small", "sim-medium"));
        assertThat(narrowed.baseGenome().text("model_key")).isEqualTo("sim-small");
        assertThat(narrowed.space().violations(narrowed.baseGenome())).isEmpty();
        assertThat(narrowed.space().gene("model_key").violation(dev.promptevo.api.genome.Allele.of("sim-large")))
                .isPresent();
        assertThat(EXAMPLE.withModels(List.of())).isSameAs(EXAMPLE);
    }
}
