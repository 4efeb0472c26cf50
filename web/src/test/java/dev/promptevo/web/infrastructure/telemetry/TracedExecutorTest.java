package dev.promptevo.web.infrastructure.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.engine.RunFactory;
import dev.promptevo.engine.evolution.Candidate;
import dev.promptevo.engine.evolution.OptimizationResult;
import dev.promptevo.engine.evolution.OptimizerConfig;
import dev.promptevo.engine.evolution.ProgressListener;
import dev.promptevo.engine.task.TaskBundle;
import dev.promptevo.web.testing.ExampleBundles;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The spans of a small run, through {@link RunFactory#withExecutorWrapper} as the server wires it,
 * caught by an in-memory exporter: one per evaluation, each with its genome id, generation and
 * temperature.
 */
class TracedExecutorTest {
    private static final AttributeKey<String> GENOME = AttributeKey.stringKey("promptevo.genome.id");
    private static final AttributeKey<Long> GENERATION = AttributeKey.longKey("promptevo.generation");
    private static final AttributeKey<Double> TEMPERATURE = AttributeKey.doubleKey("promptevo.temperature");
    private static final AttributeKey<Long> TOKENS = AttributeKey.longKey("promptevo.tokens");

    /** Keeps every finished span. */
    private static final class InMemory implements SpanExporter {
        final List<SpanData> spans = new CopyOnWriteArrayList<>();

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            spans.addAll(batch);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    @Test
    void everyEvaluationIsASpanWithItsGenomeGenerationAndTemperature() throws InterruptedException {
        InMemory exporter = new InMemory();
        OptimizationResult result;
        AtomicInteger generation = new AtomicInteger();
        try (SdkTracerProvider tracing = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build()) {
            TaskBundle bundle = ExampleBundles.ticketTriage(40);
            var prepared = new RunFactory(getClass().getClassLoader())
                    .withExecutorWrapper(
                            executor -> new TracedExecutor(executor, tracing.get("test"), "run-1", generation::get))
                    .prepare(
                            bundle,
                            RunFactory.Options.defaults(OptimizerConfig.defaults()
                                    .withSeed(20261125)
                                    .withPopulationSize(4)
                                    .withGenerations(3)
                                    .withStagnationLimit(10)));
            result = prepared.optimizer().run(new ProgressListener() {
                @Override
                public void onGenerationStart(int g, int planned) {
                    generation.set(g);
                }
            });
        }

        List<SpanData> spans = exporter.spans;
        int trainEvaluations =
                result.generations().stream().mapToInt(g -> g.evaluations()).sum();
        assertThat(spans)
                .as("one span per evaluation (and per hold-out re-scoring)")
                .hasSizeGreaterThanOrEqualTo(trainEvaluations);
        assertThat(spans).allSatisfy(span -> {
            assertThat(span.getName()).isEqualTo(TracedExecutor.SPAN);
            assertThat(span.getAttributes().get(TOKENS)).isPositive();
        });
        assertThat(spans.stream().map(s -> s.getAttributes().get(GENERATION)).distinct())
                .containsExactlyInAnyOrder(0L, 1L, 2L);
        Map<String, List<SpanData>> byGenome = spans.stream()
                .collect(Collectors.groupingBy(s -> s.getAttributes().get(GENOME)));
        for (Candidate candidate : result.candidates()) {
            assertThat(byGenome.get(candidate.id()))
                    .as("spans of " + candidate.id())
                    .hasSizeGreaterThanOrEqualTo(result.trainExamples())
                    .allSatisfy(span -> assertThat(span.getAttributes().get(TEMPERATURE))
                            .isEqualTo(candidate.genome().real("temperature")));
            assertThat(byGenome.get(candidate.id()))
                    .extracting(s -> s.getAttributes().get(GENERATION))
                    .contains((long) candidate.generation());
        }
    }
}
