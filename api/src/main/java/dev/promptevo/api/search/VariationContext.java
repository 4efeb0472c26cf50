package dev.promptevo.api.search;

import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.task.Task;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * What an operator may use to make a child.
 *
 * @param random the only source of randomness an operator may use, so a run replays from its seed
 * @param rewriter the backend and model for LLM-driven operators; its calls count against the budget
 * @param feedback how a parent genome did (by genome id), for reflective operators
 */
public record VariationContext(
        RandomGenerator random,
        SearchSpace space,
        Task task,
        Optional<Rewriter> rewriter,
        Function<String, Feedback> feedback) {

    public VariationContext {
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(rewriter, "rewriter");
        Objects.requireNonNull(feedback, "feedback");
    }

    /** A backend and the model on it that writes rewrites. */
    public record Rewriter(ModelBackend backend, String model) {}
}
