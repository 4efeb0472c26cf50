package dev.promptevo.web.infrastructure.metrics;

import dev.promptevo.api.model.ModelBackend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The server's MicroProfile Metrics about model backends, per backend id (tag {@code backend}), in
 * the application scope of {@code /metrics}: counters of evaluations, model calls, tokens, failed
 * calls and calls answered from a resumed run's records, and a gauge of the dollars spent since the server started (MicroProfile Metrics counters
 * count whole numbers only).
 */
@ApplicationScoped
public class BackendMetrics implements CallObserver {
    static final String EVALUATIONS = "promptevo.evaluations";
    static final String CALLS = "promptevo.model.calls";
    static final String TOKENS = "promptevo.model.tokens";
    static final String ERRORS = "promptevo.model.errors";
    static final String REPLAYED = "promptevo.model.calls.replayed";
    static final String COST = "promptevo.model.cost.usd";

    @Inject
    private MetricRegistry registry;

    private final Map<String, DoubleAdder> cost = new ConcurrentHashMap<>();

    /** {@code backend}, counted here. */
    public ModelBackend wrap(ModelBackend backend) {
        return new MeteredBackend(backend, this);
    }

    /** One evaluation (a genome on an example) finished on {@code backendId}. */
    public void evaluation(String backendId) {
        counter(EVALUATIONS, "Evaluations of a genome on an example, finished", backendId)
                .inc();
    }

    /**
     * A resumed run's model call on {@code backendId} was answered from the run's record of it (made
     * before the restart): not sent, not counted in {@link #CALLS}.
     */
    public void replayed(String backendId) {
        counter(
                        REPLAYED,
                        "Model calls of resumed runs answered from their records of calls made before a restart (not sent)",
                        backendId)
                .inc();
    }

    @Override
    public void answered(String backendId, long tokens, double costUsd) {
        counter(CALLS, "Model calls made (answered or failed)", backendId).inc();
        counter(TOKENS, "Prompt and completion tokens of the answered model calls", backendId)
                .inc(tokens);
        spend(backendId, costUsd);
    }

    @Override
    public void failed(String backendId, double costUsd) {
        counter(CALLS, "Model calls made (answered or failed)", backendId).inc();
        counter(ERRORS, "Model calls that failed (timeouts, rate limits, refused requests)", backendId)
                .inc();
        spend(backendId, costUsd);
    }

    private void spend(String backendId, double costUsd) {
        cost.computeIfAbsent(backendId, id -> {
                    DoubleAdder adder = new DoubleAdder();
                    registry.gauge(
                            Metadata.builder()
                                    .withName(COST)
                                    .withDescription("US dollars spent on model calls since the server started")
                                    .build(),
                            adder,
                            DoubleAdder::sum,
                            new Tag("backend", id));
                    return adder;
                })
                .add(costUsd);
    }

    private Counter counter(String name, String description, String backendId) {
        return registry.counter(
                Metadata.builder().withName(name).withDescription(description).build(), new Tag("backend", backendId));
    }
}
