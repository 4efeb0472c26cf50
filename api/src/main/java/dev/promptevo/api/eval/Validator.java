package dev.promptevo.api.eval;

import dev.promptevo.api.plugin.Plugin;
import dev.promptevo.api.task.Example;
import dev.promptevo.api.task.Task;
import java.util.List;

/**
 * A judge of one parsed, schema-checked output; its score feeds {@link
 * ExecutionMetrics#validatorScore()} (the mean over a task's validators).
 *
 * @apiNote Called concurrently; must be thread-safe and free of side effects.
 */
public interface Validator extends Plugin {

    Verdict validate(Task task, Example example, String outputJson);

    /**
     * Whether runs use this validator without being asked. A validator that changes every run's
     * fitness as soon as its jar is present (an embedding scorer) returns false and is used only
     * when a run names it.
     */
    default boolean enabledByDefault() {
        return true;
    }

    /** A score in [0, 1] and the reasons it is below 1. */
    record Verdict(double score, List<String> reasons) {
        public Verdict {
            if (!(score >= 0 && score <= 1)) {
                throw new IllegalArgumentException("a verdict's score must be in [0, 1], got " + score);
            }
            reasons = List.copyOf(reasons);
        }

        public static Verdict pass() {
            return new Verdict(1.0, List.of());
        }
    }
}
