package dev.promptevo.web.infrastructure.telemetry;

import dev.promptevo.api.eval.Evaluation;
import dev.promptevo.api.eval.Executor;
import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.task.Example;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * A run's executor with one OpenTelemetry span per evaluation ({@value #SPAN}), carrying the run,
 * the genome id, the generation, the genome's temperature and the example, and once it is done the
 * tokens, cost, latency and whether the output passed the schema; a failed model call marks the span
 * as an error. With the OpenTelemetry SDK off (Payara's default) the tracer does nothing.
 */
public final class TracedExecutor implements Executor {
    static final String SPAN = "promptevo.evaluation";

    private final Executor delegate;
    private final Tracer tracer;
    private final String runId;
    private final IntSupplier generation;

    /** @param generation the generation the run is evaluating now (the run's progress listener knows it) */
    public TracedExecutor(Executor delegate, Tracer tracer, String runId, IntSupplier generation) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.tracer = Objects.requireNonNull(tracer, "tracer");
        this.runId = Objects.requireNonNull(runId, "runId");
        this.generation = Objects.requireNonNull(generation, "generation");
    }

    @Override
    public Evaluation execute(Genome genome, Example example, int sampleIndex) throws InterruptedException {
        SpanBuilder builder = tracer.spanBuilder(SPAN)
                .setAttribute("promptevo.run.id", runId)
                .setAttribute("promptevo.genome.id", genome.id())
                .setAttribute("promptevo.generation", generation.getAsInt())
                .setAttribute("promptevo.example.id", example.id());
        if (genome.has("temperature") && genome.allele("temperature") instanceof Allele.Real temperature) {
            builder.setAttribute("promptevo.temperature", temperature.value());
        }
        Span span = builder.startSpan();
        try (Scope scope = span.makeCurrent()) {
            Evaluation evaluation = delegate.execute(genome, example, sampleIndex);
            span.setAttribute("promptevo.tokens", evaluation.metrics().tokensTotal());
            span.setAttribute("promptevo.cost_usd", evaluation.metrics().costUsd());
            span.setAttribute("promptevo.latency_ms", evaluation.metrics().latencyMs());
            span.setAttribute("promptevo.schema_ok", evaluation.metrics().schemaOk());
            evaluation.error().ifPresent(error -> span.setStatus(StatusCode.ERROR, error));
            return evaluation;
        } catch (InterruptedException | RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            throw e;
        } finally {
            span.end();
        }
    }
}
