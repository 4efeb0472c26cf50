package dev.promptevo.operators;

/**
 * Moves {@code retriever_topk} by 1 to {@value #MAX_STEPS} grid steps up or down. See {@link
 * Mutators#integerStep}.
 */
public final class RetrieverTopKStep extends SeedMutation {
    public static final String ID = "mutate.retriever_topk.step";
    public static final int MAX_STEPS = 3;

    public RetrieverTopKStep() {
        super(new IntegerStepMutation(ID, "retriever_topk", MAX_STEPS));
    }
}
