package dev.promptevo.operators;

/**
 * Turns chain-of-thought ({@code cot}) on or off.
 */
public final class CotToggle extends SeedMutation {
    public static final String ID = "mutate.cot.toggle";

    public CotToggle() {
        super(new ToggleMutation(ID, "cot"));
    }
}
