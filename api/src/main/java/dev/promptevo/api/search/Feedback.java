package dev.promptevo.api.search;

import java.util.List;

/**
 * How a genome did on the examples it failed: what reflective operators (an LLM rubric rewrite)
 * show the model so it can fix the cause rather than guess.
 */
public record Feedback(String genomeId, double composite, List<Failure> failures) {

    public Feedback {
        failures = List.copyOf(failures);
    }

    public static Feedback none(String genomeId) {
        return new Feedback(genomeId, 0.0, List.of());
    }

    /** One failed example: its input, what was expected, what came out, and why it failed. */
    public record Failure(String exampleId, String input, String expectedJson, String output, List<String> reasons) {
        public Failure {
            reasons = List.copyOf(reasons);
        }
    }
}
