package dev.promptevo.operators;

/**
 * Switches {@code model_key} to another of its options, uniformly.
 */
public final class ModelChange extends SeedMutation {
    public static final String ID = "mutate.model.change";

    public ModelChange() {
        super(new ChoiceChangeMutation(ID, "model_key"));
    }
}
