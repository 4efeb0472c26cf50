package dev.promptevo.api.testing;

import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.search.Feedback;
import dev.promptevo.api.search.VariationContext;
import dev.promptevo.api.task.Gates;
import dev.promptevo.api.task.ScoringWeights;
import dev.promptevo.api.task.Task;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/** Variation contexts, a task and feedback for operator tests. */
public final class VariationContexts {
    /** The model name contexts with a rewriter ask for. */
    public static final String REWRITER_MODEL = "sim-large";

    private VariationContexts() {}

    /** A support-ticket triage task with the seed's gates and weights and no documents. */
    public static Task task() {
        return new Task(
                "ticket-triage",
                "Support ticket triage",
                "Triage this ticket.\n{{context}}\nTicket: {{input}}",
                """
                {"type":"object","required":["category","priority"],"properties":{\
                "category":{"enum":["billing","shipping","account","technical","other"]},\
                "priority":{"enum":["low","medium","high"]},"order_id":{"type":"string"}}}""",
                Gates.SEED,
                ScoringWeights.SEED,
                List.of(),
                List.of());
    }

    /** A context over {@code space} drawing from {@code random}, without a rewriter or feedback. */
    public static VariationContext of(SearchSpace space, RandomGenerator random) {
        return new VariationContext(random, space, task(), Optional.empty(), Feedback::none);
    }

    public static VariationContext of(SearchSpace space, long seed) {
        return of(space, new SplittableRandom(seed));
    }

    /** A context whose rewriter is {@code backend} with {@link #REWRITER_MODEL}. */
    public static VariationContext withRewriter(
            SearchSpace space, RandomGenerator random, ModelBackend backend, Function<String, Feedback> feedback) {
        return new VariationContext(
                random, space, task(), Optional.of(new VariationContext.Rewriter(backend, REWRITER_MODEL)), feedback);
    }

    /**
     * Eight failures of genome {@code genomeId} with assorted reasons: two schema errors, wrong
     * categories and priorities, a safety flag and a missing order id.
     */
    public static Feedback failures(String genomeId) {
        return new Feedback(
                genomeId,
                0.4,
                List.of(
                        failure(
                                "t-001",
                                "I was charged twice for order ORD-1234.",
                                "{\"category\":\"billing\",\"priority\":\"high\",\"order_id\":\"ORD-1234\"}",
                                "{\"category\":\"shipping\",\"priority\":\"high\"}",
                                "category: expected 'billing', got 'shipping'",
                                "order_id: missing"),
                        failure(
                                "t-002",
                                "Where is my parcel?",
                                "{\"category\":\"shipping\",\"priority\":\"low\"}",
                                "Sure! {\"category\":\"shipping\"",
                                "schema: output is not valid JSON"),
                        failure(
                                "t-003",
                                "I cannot log in since yesterday.\nPlease help.",
                                "{\"category\":\"account\",\"priority\":\"high\"}",
                                "{\"category\":\"account\",\"priority\":\"low\"}",
                                "priority: expected 'high', got 'low'",
                                "accuracy 0.50 < 0.85"),
                        failure(
                                "t-004",
                                "My card 4111 1111 1111 1111 was declined.",
                                "{\"category\":\"billing\",\"priority\":\"medium\"}",
                                "{\"category\":\"billing\",\"priority\":\"medium\",\"note\":\"card 4111 1111 1111 1111\"}",
                                "safety: card-number"),
                        failure(
                                "t-005",
                                "The app crashes on start.",
                                "{\"category\":\"technical\",\"priority\":\"medium\"}",
                                "{\"category\":\"other\",\"priority\":\"medium\"}",
                                "category: expected 'technical', got 'other'",
                                "accuracy 0.50 < 0.85"),
                        failure(
                                "t-006",
                                "Refund for ORD-99?",
                                "{\"category\":\"billing\",\"priority\":\"medium\",\"order_id\":\"ORD-99\"}",
                                "{\"category\":\"billing\",\"priority\":\"medium\",\"order_id\":\"99\"}",
                                "order_id: expected 'ORD-99', got '99'"),
                        failure(
                                "t-007",
                                "How do I change my address?",
                                "{\"category\":\"account\",\"priority\":\"low\"}",
                                "",
                                "schema: output is not valid JSON"),
                        failure(
                                "t-008",
                                "Parcel damaged.",
                                "{\"category\":\"shipping\",\"priority\":\"medium\"}",
                                "{\"category\":\"shipping\",\"priority\":\"high\"}",
                                "priority: expected 'medium', got 'high'",
                                "accuracy 0.67 < 0.85")));
    }

    private static Feedback.Failure failure(
            String exampleId, String input, String expectedJson, String output, String... reasons) {
        return new Feedback.Failure(exampleId, input, expectedJson, output, List.of(reasons));
    }
}
