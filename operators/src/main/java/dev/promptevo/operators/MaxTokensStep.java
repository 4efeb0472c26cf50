package dev.promptevo.operators;

/**
 * Moves {@code max_tokens} by 1 to {@value #MAX_STEPS} grid steps up or down. See {@link
 * Mutators#integerStep}.
 */
public final class MaxTokensStep extends SeedMutation {
    public static final String ID = "mutate.max_tokens.step";
    public static final int MAX_STEPS = 3;

    public MaxTokensStep() {
        super(new IntegerStepMutation(ID, "max_tokens", MAX_STEPS));
    }
}
