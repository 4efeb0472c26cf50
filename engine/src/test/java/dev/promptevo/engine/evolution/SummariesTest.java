package dev.promptevo.engine.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.promptevo.api.eval.Evaluation;
import dev.promptevo.api.eval.ExecutionMetrics;
import dev.promptevo.api.eval.MetricsSummary;
import dev.promptevo.api.task.Gates;
import dev.promptevo.api.task.ScoringWeights;
import dev.promptevo.api.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SummariesTest {
    private static Evaluation eval(boolean schemaOk, double accuracy, double latency, long tokens, int repairs) {
        return new Evaluation(
                "g",
                "e" + latency,
                "{}",
                new ExecutionMetrics(schemaOk, 0, 1.0, accuracy, latency, tokens, repairs, 0.001),
                List.of(),
                Optional.empty());
    }

    @Test
    void theSeedCompositeMatchesAHandComputation() {
        Task task = new Task("t", "t", "{{input}}", "{}", Gates.SEED, ScoringWeights.SEED, List.of(), List.of());
        MetricsSummary s = Summaries.of(
                List.of(
                        eval(true, 1.0, 100, 200, 0), // 1 - 0.1 - 0.1 = 0.8
                        eval(true, 0.5, 100, 200, 0), // accuracy gate fails: 0
                        eval(true, 1.0, 300, 400, 1)), // 1 - 0.3 - 0.2 - 0.2 = 0.3
                task);
        assertThat(s.composite()).isCloseTo((0.8 + 0 + 0.3) / 3, within(1e-12));
        assertThat(s.passRate()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(s.robustness()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(s.meanRepairs()).isCloseTo(1 / 3.0, within(1e-12));
    }

    @Test
    void theBudgetedPresetLosesItsShareAtBudget() {
        ScoringWeights w = ScoringWeights.budgeted(2000, 1000, 0.01, 0.1, 0.2);
        ExecutionMetrics atBudget = new ExecutionMetrics(true, 0, 1, 1, 2000, 1000, 0, 0.01);
        assertThat(w.score(atBudget, Gates.SEED)).isCloseTo(0.7, within(1e-12));
    }

    @Test
    void latencyPercentilesUseTheNearestRank() {
        List<Evaluation> evals = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            evals.add(eval(true, 1, i, 10, 0));
        }
        Task task = new Task("t", "t", "{{input}}", "{}", Gates.SEED, ScoringWeights.SEED, List.of(), List.of());
        MetricsSummary s = Summaries.of(evals, task);
        assertThat(s.latencyP50Ms()).isEqualTo(50);
        assertThat(s.latencyP95Ms()).isEqualTo(95);
    }
}
