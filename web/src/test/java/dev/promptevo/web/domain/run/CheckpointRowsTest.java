package dev.promptevo.web.domain.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.promptevo.engine.RunFactory;
import dev.promptevo.engine.evolution.Candidate;
import dev.promptevo.engine.evolution.Checkpoint;
import dev.promptevo.engine.evolution.GenerationReport;
import dev.promptevo.engine.evolution.OptimizationResult;
import dev.promptevo.engine.evolution.OptimizerConfig;
import dev.promptevo.engine.evolution.ProgressListener;
import dev.promptevo.engine.task.TaskBundle;
import dev.promptevo.web.infrastructure.engine.BundledExample;
import dev.promptevo.web.testing.ExampleBundles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A run stopped after a generation and resumed from the rows the server stores (the checkpoint's
 * state and each candidate's evaluations, written once) ends exactly as the uninterrupted run with the
 * same seed: same candidates, same best, same spend, and no candidate's evaluations stored twice.
 */
class CheckpointRowsTest {
    private static final BundledExample EXAMPLE =
            BundledExample.load("ticket-triage", CheckpointRowsTest.class.getClassLoader());
    private static final RunFactory FACTORY = new RunFactory(CheckpointRowsTest.class.getClassLoader());

    /** What the server's tables hold for one run. */
    private static final class Rows {
        String state;
        final Map<String, String> evaluations = new LinkedHashMap<>();
        final List<String> writtenTwice = new ArrayList<>();

        void record(Checkpoint checkpoint, List<Candidate> completed) {
            CheckpointRows.Split split = CheckpointRows.split(checkpoint, completed);
            state = split.state();
            split.completed().forEach((id, json) -> {
                if (evaluations.putIfAbsent(id, json) != null) {
                    writtenTwice.add(id);
                }
            });
        }
    }

    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("the server stopped", null, false, false);
        }
    }

    @Test
    void aRunResumedFromTheStoredRowsEndsAsAnUninterruptedOne() throws InterruptedException {
        OptimizationResult uninterrupted = run(Optional.empty(), new Rows(), -1);

        Rows rows = new Rows();
        assertThatThrownBy(() -> run(Optional.empty(), rows, 1)).isInstanceOf(Interrupted.class);
        Checkpoint restored = CheckpointRows.join(
                rows.state, rows.evaluations, EXAMPLE.definition().space());
        assertThat(restored.completedGeneration()).isEqualTo(1);
        assertThat(restored.evaluations().keySet())
                .containsExactlyInAnyOrderElementsOf(
                        restored.archive().stream().map(Candidate::id).toList());
        OptimizationResult resumed = run(Optional.of(restored), rows, -1);

        assertThat(resumed.candidates()).isEqualTo(uninterrupted.candidates());
        assertThat(resumed.best().id()).isEqualTo(uninterrupted.best().id());
        assertThat(resumed.paretoFront()).isEqualTo(uninterrupted.paretoFront());
        assertThat(resumed.generations().stream().map(GenerationReport::bestGenomeId))
                .containsExactlyElementsOf(uninterrupted.generations().stream()
                        .map(GenerationReport::bestGenomeId)
                        .toList());
        assertThat(resumed.spent().calls()).isEqualTo(uninterrupted.spent().calls());
        assertThat(resumed.spent().tokens()).isEqualTo(uninterrupted.spent().tokens());
        assertThat(resumed.spent().costUsd()).isCloseTo(uninterrupted.spent().costUsd(), within(1e-9));
        assertThat(rows.writtenTwice)
                .as("candidates whose evaluations were stored twice")
                .isEmpty();
        assertThat(rows.evaluations.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        uninterrupted.candidates().stream().map(Candidate::id).toList());
    }

    @Test
    void aCheckpointWhoseEvaluationsAreMissingIsRefused() throws InterruptedException {
        Rows rows = new Rows();
        assertThatThrownBy(() -> run(Optional.empty(), rows, 0)).isInstanceOf(Interrupted.class);
        String someone = rows.evaluations.keySet().iterator().next();
        rows.evaluations.remove(someone);

        assertThatThrownBy(() -> CheckpointRows.join(
                        rows.state, rows.evaluations, EXAMPLE.definition().space()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(someone);
    }

    /** Runs the example (small), storing rows after every generation; stops after {@code stopAfter} (-1: never). */
    private static OptimizationResult run(Optional<Checkpoint> resumeFrom, Rows rows, int stopAfter)
            throws InterruptedException {
        TaskBundle bundle = ExampleBundles.ticketTriage(60);
        OptimizerConfig config = OptimizerConfig.defaults()
                .withSeed(20261125)
                .withPopulationSize(6)
                .withGenerations(4)
                .withStagnationLimit(100)
                .withTargetComposite(2.0);
        List<List<Candidate>> completed = new ArrayList<>(List.of(List.of()));
        var prepared = FACTORY.prepare(bundle, RunFactory.Options.defaults(config), resumeFrom, checkpoint -> {
            rows.record(checkpoint, completed.get(0));
            if (checkpoint.completedGeneration() == stopAfter) {
                throw new Interrupted();
            }
        });
        return prepared.optimizer().run(new ProgressListener() {
            @Override
            public void onCandidates(int generation, List<Candidate> evaluated) {
                completed.set(0, evaluated);
            }
        });
    }
}
