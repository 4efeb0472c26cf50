package dev.promptevo.bench.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptevo.engine.evolution.OptimizerConfig;
import dev.promptevo.engine.task.TaskLoader;
import dev.promptevo.executors.simulated.SimulatorParameters;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchBenchmarkTest {

    @Test
    void writesTheOptimumAndEveryStrategysFields(@TempDir Path dir) throws Exception {
        SearchCommand command = new SearchCommand();
        command.out = dir.resolve("search.json");
        command.seeds = 1;
        command.firstSeed = 7;
        command.budgetCalls = 2_000;
        command.task = Path.of("..", "examples", "ticket-triage");
        command.strategies = List.of(
                "promptevo",
                "promptevo-no-early-rejection",
                "promptevo-until-budget",
                "promptevo-no-early-rejection-until-budget",
                "promptevo-pareto",
                "random-search",
                "greedy-current-system");
        command.greedyThreshold = 0.01;
        command.threads = 2;
        List<String> principles = SearchBenchmark.Grid.principleIds(SimulatorParameters.defaults());
        command.grid = new SearchBenchmark.Grid(
                List.of(0.0), List.of(384), List.of(0, 3), List.of(false), List.of(List.of(), principles));

        assertThat(command.call()).isZero();

        JsonNode root = new ObjectMapper().readTree(command.out.toFile());
        assertThat(root.path("optimum").path("value").isNumber()).isTrue();
        assertThat(root.path("optimum").path("genome").path("model_key").isTextual())
                .isTrue();
        assertThat(root.path("optimum").path("configurations").asInt()).isEqualTo(3 * 2 * 2 * 2);
        JsonNode strategies = root.path("strategies");
        assertThat(strategies).hasSize(7);
        for (JsonNode s : strategies) {
            assertThat(s.path("name").isTextual()).isTrue();
            assertThat(s.has("medianCallsToTarget")).isTrue();
            assertThat(s.path("successRate").isNumber()).isTrue();
            assertThat(s.has("medianHvRatio")).isTrue();
            assertThat(s.path("seeds")).hasSize(1);
            assertThat(s.path("seeds").get(0).path("seed").asLong()).isEqualTo(7);
            assertThat(s.path("seeds").get(0).path("callsSpent").asLong()).isBetween(1L, 2_000L);
            boolean promptevo = s.path("name").asText().startsWith("promptevo");
            assertThat(s.path("seeds").get(0).path("frontHvRatio").isNumber())
                    .as("%s reports a front", s.path("name").asText())
                    .isEqualTo(promptevo);
            assertThat(s.path("seeds").get(0).path("populationHvRatio").isNumber())
                    .isEqualTo(promptevo);
            if (s.path("name").asText().endsWith("until-budget")) {
                assertThat(s.path("seeds").get(0).path("stopReason").asText())
                        .as("%s ends on its budget", s.path("name").asText())
                        .isEqualTo("BUDGET");
            }
        }
    }

    @Test
    void untilTheBudgetLiftsOnlyTheGenerationAndStagnationLimits() {
        for (boolean racing : List.of(true, false)) {
            OptimizerConfig defaults = Strategies.promptevoConfig(3, 60_000, racing);
            OptimizerConfig unlimited = Strategies.untilTheBudget(defaults);
            assertThat(unlimited.generations()).isEqualTo(Strategies.UNTIL_THE_BUDGET);
            assertThat(unlimited.stagnationLimit()).isEqualTo(Strategies.UNTIL_THE_BUDGET);
            assertThat(unlimited
                            .withGenerations(defaults.generations())
                            .withStagnationLimit(defaults.stagnationLimit()))
                    .as("everything else is the default run's (racing %s)", racing)
                    .isEqualTo(defaults);
        }
    }

    @Test
    void theTruthOfAGenomeIsCachedAndItsCompositeIsAProbability() {
        var bundle = TaskLoader.load(Path.of("..", "examples", "ticket-triage"));
        SearchTruth truth = new SearchTruth(bundle, bundle.dataset().examples(), SearchTruth.parameters(bundle));
        SearchTruth.Value value = truth.of(bundle.baseGenome());
        assertThat(truth.of(bundle.baseGenome())).isSameAs(value);
        assertThat(value.composite()).isBetween(0.0, 1.0).isLessThanOrEqualTo(value.passProbability());
        assertThat(value.costUsd()).isPositive();
    }

    @Test
    void nonDominatedFilteringAndNormalizedHypervolume() {
        List<double[]> points =
                List.of(new double[] {0, 1, 1}, new double[] {1, 0, 1}, new double[] {1, 1, 0}, new double[] {1, 1, 1});
        List<double[]> front = TrueFront.nonDominated(points);
        assertThat(front).hasSize(3);
        double[] ideal = TrueFront.ideal(front);
        double[] nadir = TrueFront.nadir(front);
        assertThat(ideal).containsExactly(0, 0, 0);
        assertThat(nadir).containsExactly(1, 1, 1);
        // Each front point touches the reference box: nothing strictly inside, so the volume is 0.
        assertThat(TrueFront.hypervolume(front, ideal, nadir)).isZero();
        assertThat(TrueFront.hypervolume(List.of(new double[] {0.5, 0.5, 0.5}), ideal, nadir))
                .isEqualTo(0.125);
    }
}
