package dev.promptevo.engine.bandit;

/** What the {@link StopRule} says about the experiment now. */
public sealed interface Verdict {

    /** {@code armId} has won: promote it. */
    record Promote(String armId, double probabilityBest, long rewards) implements Verdict {}

    /** No winner yet, and why. */
    record KeepRunning(String reason) implements Verdict {}
}
