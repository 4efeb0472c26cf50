package dev.promptevo.operators;

/**
 * Reflective rewrite of the {@code rubric} text gene by the context's rewriter LLM: the model sees the
 * current rubric, the task (name and output schema) and up to five of the parent's failing examples
 * with the reasons they failed, chosen with the context's random source for variety of reasons, and
 * answers with a whole new rubric.
 *
 * <p>The user message is a contract the simulated backend parses: a line {@code <rubric>}, the
 * rubric, a line {@code </rubric>}, the lines {@code Task: ...} and {@code Output JSON Schema: ...},
 * then per example a line {@code <example id="EXAMPLE_ID">}, the lines {@code input: ...}, {@code
 * expected: ...} and {@code output: ...}, one line per reason exactly as given, and a line {@code
 * </example>}. The request's metadata holds {@code purpose=rubric-rewrite} and {@code genome.id};
 * temperature 0.7, at most 800 tokens, a seed from the context's random source, no JSON mode.
 *
 * <p>The new rubric is the text between {@code <rubric>} and {@code </rubric>} in the answer (else
 * the whole answer), trimmed and cut at a sentence end to fit the gene's maximum length. Without a
 * rewriter, when the backend fails or answers nothing, the parent comes back unchanged.
 */
public final class RubricRewrite extends SeedMutation {
    public static final String ID = "mutate.rubric.rewrite";

    public RubricRewrite() {
        super(new RubricRewriteMutation(ID, "rubric"));
    }
}
