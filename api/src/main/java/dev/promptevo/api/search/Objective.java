package dev.promptevo.api.search;

import dev.promptevo.api.eval.MetricsSummary;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/** A measured direction to optimize over a candidate's aggregated metrics. */
public interface Objective {
    enum Direction {
        MAXIMIZE,
        MINIMIZE
    }

    String id();

    Direction direction();

    double measure(MetricsSummary summary);

    /** The value turned so that smaller is better, as dominance checks want it. */
    default double minimized(MetricsSummary summary) {
        double value = measure(summary);
        return direction() == Direction.MAXIMIZE ? -value : value;
    }

    static Objective maximize(String id, ToDoubleFunction<MetricsSummary> measure) {
        return new Simple(id, Direction.MAXIMIZE, measure);
    }

    static Objective minimize(String id, ToDoubleFunction<MetricsSummary> measure) {
        return new Simple(id, Direction.MINIMIZE, measure);
    }

    /** Quality: the mean composite score. */
    static Objective quality() {
        return maximize("quality", MetricsSummary::composite);
    }

    static Objective latencyP95() {
        return minimize("latency_p95_ms", MetricsSummary::latencyP95Ms);
    }

    static Objective tokens() {
        return minimize("tokens", MetricsSummary::meanTokens);
    }

    static Objective cost() {
        return minimize("cost_usd", MetricsSummary::meanCostUsd);
    }

    static Objective repairs() {
        return minimize("repairs", MetricsSummary::meanRepairs);
    }

    record Simple(String id, Direction direction, ToDoubleFunction<MetricsSummary> measure) implements Objective {
        public Simple {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(measure, "measure");
        }

        @Override
        public double measure(MetricsSummary summary) {
            return measure.applyAsDouble(summary);
        }
    }
}
