package dev.promptevo.web.domain.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.api.search.Objective;
import dev.promptevo.engine.execution.Spend;
import dev.promptevo.web.domain.ConflictException;
import dev.promptevo.web.domain.security.Ownership;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Ownership OWNER = new Ownership("alice", "team-a");
    private static final RunSettings SETTINGS =
            RunSettings.of(new RunSettings.Request(6, 3, 9L, null, null, null, null, null, null), RunLimits.DEFAULTS);

    @Test
    void aRunGoesFromQueuedThroughRunningToCompleted() {
        Run run = new Run("task", "dataset", SETTINGS, OWNER, T0);
        assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(run.seed()).isEqualTo(9);
        assertThat(run.settings().population()).isEqualTo(6);

        run.start(T0.plusSeconds(1));
        run.recordGeneration(0, 0.4, "g0", new Spend(10, 0, 100, 0.01, 0.5));
        run.complete(
                "GENERATIONS",
                "g1",
                0.8,
                0.3,
                List.of(Objective.quality(), Objective.cost()),
                new Spend(30, 1, 300, 0.03, 1.5),
                T0.plusSeconds(3));

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.generationsCompleted()).isEqualTo(1);
        assertThat(run.bestComposite()).contains(0.8);
        assertThat(run.spent().calls()).isEqualTo(30);
        assertThat(run.objectives()).extracting(o -> o.get("id")).containsExactly("quality", "cost_usd");
        assertThat(run.finishedAt()).contains(T0.plusSeconds(3));
    }

    @Test
    void onlyAnActiveRunCanBeCancelled() {
        Run run = new Run("task", "dataset", SETTINGS, OWNER, T0);
        run.cancel(T0);
        assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);

        assertThatThrownBy(() -> run.cancel(T0)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> run.start(T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCancelledOrFailedRunIsQueuedAgainKeepingWhatItDidAndResumesAsStartedBefore() {
        Run cancelled = new Run("task", "dataset", SETTINGS, OWNER, T0);
        cancelled.start(T0.plusSeconds(1));
        cancelled.recordGeneration(0, 0.4, "g0", new Spend(10, 0, 100, 0.01, 0.5));
        cancelled.cancel(T0.plusSeconds(2));

        cancelled.requeue();
        assertThat(cancelled.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(cancelled.stopReason()).isEmpty();
        assertThat(cancelled.finishedAt()).isEmpty();
        assertThat(cancelled.hasStarted()).as("resumed, not started afresh").isTrue();
        assertThat(cancelled.generationsCompleted()).isEqualTo(1);
        assertThat(cancelled.spent().calls()).isEqualTo(10);
        cancelled.start(T0.plusSeconds(5));
        assertThat(cancelled.startedAt()).as("the first start stays").contains(T0.plusSeconds(1));

        Run failed = new Run("task", "dataset", SETTINGS, OWNER, T0);
        failed.start(T0);
        failed.fail("backend down", T0.plusSeconds(1));
        failed.requeue();
        assertThat(failed.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(failed.errorMessage()).isEmpty();
    }

    @Test
    void aQueuedRunningOrCompletedRunIsNotResumed() {
        Run run = new Run("task", "dataset", SETTINGS, OWNER, T0);
        assertThat(run.hasStarted()).isFalse();
        assertThatThrownBy(run::requeue).isInstanceOf(ConflictException.class).hasMessageContaining("QUEUED");
        run.start(T0);
        assertThatThrownBy(run::requeue).isInstanceOf(ConflictException.class).hasMessageContaining("RUNNING");
        run.complete("GENERATIONS", "g1", 0.8, 0.3, List.of(Objective.quality()), new Spend(1, 0, 1, 0, 1), T0);
        assertThatThrownBy(run::requeue).isInstanceOf(ConflictException.class).hasMessageContaining("COMPLETED");
    }
}
