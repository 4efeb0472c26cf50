package dev.promptevo.web.infrastructure.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.promptevo.engine.RunFactory;
import dev.promptevo.engine.evolution.OptimizationResult;
import dev.promptevo.engine.evolution.OptimizerConfig;
import dev.promptevo.engine.evolution.ProgressListener;
import dev.promptevo.engine.task.TaskBundle;
import dev.promptevo.web.testing.ExampleBundles;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import org.junit.jupiter.api.Test;

/**
 * The metered backend, put around a run's backend through {@link RunFactory#withBackendWrapper}, sees
 * exactly the calls the run's ledger counts: the calls, tokens and dollars of the server's metrics
 * agree with the run's own spend.
 */
class MeteredBackendTest {
    /** What {@link BackendMetrics} would count, per backend. */
    private static final class Recorder implements CallObserver {
        final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
        final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
        final AtomicLong tokens = new AtomicLong();
        final DoubleAdder cost = new DoubleAdder();

        @Override
        public void answered(String backendId, long t, double costUsd) {
            calls.computeIfAbsent(backendId, id -> new AtomicLong()).incrementAndGet();
            tokens.addAndGet(t);
            cost.add(costUsd);
        }

        @Override
        public void failed(String backendId, double costUsd) {
            calls.computeIfAbsent(backendId, id -> new AtomicLong()).incrementAndGet();
            failures.computeIfAbsent(backendId, id -> new AtomicLong()).incrementAndGet();
            cost.add(costUsd);
        }
    }

    @Test
    void theMetricsCountWhatTheRunSpends() throws InterruptedException {
        TaskBundle bundle = ExampleBundles.ticketTriage(40);
        Recorder recorder = new Recorder();
        var prepared = new RunFactory(getClass().getClassLoader())
                .withBackendWrapper(backend -> new MeteredBackend(backend, recorder))
                .prepare(
                        bundle,
                        RunFactory.Options.defaults(OptimizerConfig.defaults()
                                .withSeed(20261125)
                                .withPopulationSize(4)
                                .withGenerations(2)));

        OptimizationResult result = prepared.optimizer().run(ProgressListener.NONE);

        assertThat(recorder.calls).containsOnlyKeys("simulated");
        assertThat(recorder.calls.get("simulated").get())
                .isEqualTo(result.spent().calls())
                .isPositive();
        assertThat(recorder.tokens.get()).isEqualTo(result.spent().tokens());
        assertThat(recorder.cost.sum()).isCloseTo(result.spent().costUsd(), within(1e-9));
        assertThat(recorder.failures.getOrDefault("simulated", new AtomicLong()).get())
                .isEqualTo(result.spent().failedCalls());
    }
}
