package dev.promptevo.operators;

/**
 * Turns consensus voting ({@code use_consensus}) on or off.
 */
public final class ConsensusToggle extends SeedMutation {
    public static final String ID = "mutate.consensus.toggle";

    public ConsensusToggle() {
        super(new ToggleMutation(ID, "use_consensus"));
    }
}
