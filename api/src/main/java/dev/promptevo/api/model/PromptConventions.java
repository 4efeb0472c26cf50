package dev.promptevo.api.model;

/**
 * The shapes of the prompts the engine builds, shared with backends that read them (the simulator
 * imitates a model by looking for these markers, so they must not drift apart).
 */
public final class PromptConventions {
    /**
     * Appended to the rubric when chain-of-thought is on: reasoning first, the JSON object last, in a
     * shape the output parser takes apart without counting a repair.
     */
    public static final String COT_INSTRUCTION =
            "Think step by step. Write your reasoning after 'Reasoning:', then the final JSON object after 'Answer:'.";

    /** The line a retrieved passage block starts with: {@code [<passage id>] <title>}. */
    public static String passageHeader(String passageId, String title) {
        return "[" + passageId + "] " + title;
    }

    private PromptConventions() {}
}
