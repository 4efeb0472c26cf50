package dev.promptevo.api.testing;

import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.SearchSpace;
import java.util.List;

/** Search spaces for tests: the seed's default space, and its gene names. */
public final class Spaces {
    public static final String RUBRIC = "rubric";
    public static final String COT = "cot";
    public static final String TEMPERATURE = "temperature";
    public static final String MAX_TOKENS = "max_tokens";
    public static final String RETRIEVER_TOPK = "retriever_topk";
    public static final String USE_CONSENSUS = "use_consensus";
    public static final String MODEL_KEY = "model_key";

    public static final int RUBRIC_MAX_LENGTH = 4000;

    /** Three rubrics of rising quality for a support-ticket triage task: the rubric gene's pool. */
    public static final List<String> EXAMPLE_RUBRICS = List.of(
            "Classify the ticket.",
            "Classify the support ticket into one category and one priority. Answer with the JSON object only.",
            """
            You triage customer support tickets.
            Answer with the JSON object only, no prose around it.
            Categories: billing (charges, refunds, invoices), shipping (delivery, tracking), account \
            (login, password, profile), technical (bugs, errors), other.
            An order id looks like ORD- followed by digits; copy it exactly when the ticket has one.
            Priority is high when money was taken wrongly or the customer is locked out, low for questions.
            Never repeat card numbers.""");

    public static final List<String> MODEL_KEYS = List.of("sim-small", "sim-medium", "sim-large");

    private Spaces() {}

    /**
     * The seed's default space, in this order: {@code rubric} (text, at most 4000 characters, pooled
     * from {@link #EXAMPLE_RUBRICS}), {@code cot} (boolean), {@code temperature} (real 0..2 by 0.05),
     * {@code max_tokens} (integer 64..1024 by 64), {@code retriever_topk} (integer 0..20), {@code
     * use_consensus} (boolean), {@code model_key} (choice of {@link #MODEL_KEYS}).
     */
    public static SearchSpace seedDefault() {
        return SearchSpace.of(
                Gene.text(RUBRIC, RUBRIC_MAX_LENGTH, EXAMPLE_RUBRICS),
                Gene.bool(COT),
                Gene.real(TEMPERATURE, 0.0, 2.0, 0.05),
                Gene.integer(MAX_TOKENS, 64, 1024, 64),
                Gene.integer(RETRIEVER_TOPK, 0, 20, 1),
                Gene.bool(USE_CONSENSUS),
                Gene.choice(MODEL_KEY, MODEL_KEYS));
    }
}
