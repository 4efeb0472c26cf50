package dev.promptevo.api.search;

import dev.promptevo.api.eval.ExecutionMetrics;
import java.util.Objects;
import java.util.function.Predicate;

/** A hard feasibility rule on one evaluated example. */
public interface Gate {
    String id();

    String description();

    boolean passes(ExecutionMetrics metrics);

    static Gate of(String id, String description, Predicate<ExecutionMetrics> rule) {
        Objects.requireNonNull(rule, "rule");
        record Simple(String id, String description, Predicate<ExecutionMetrics> rule) implements Gate {
            @Override
            public boolean passes(ExecutionMetrics metrics) {
                return rule.test(metrics);
            }
        }
        return new Simple(id, description, rule);
    }
}
