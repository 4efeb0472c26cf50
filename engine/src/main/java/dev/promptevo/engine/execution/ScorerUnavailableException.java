package dev.promptevo.engine.execution;

/**
 * A scorer (an LLM judge) that could not produce a score: its call was refused by the budget or
 * failed. Thrown out of a validator so the evaluation is recorded as incomplete, not as a zero.
 */
public final class ScorerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean budgetExhausted;
    private final double costUsd;

    public ScorerUnavailableException(String message, boolean budgetExhausted, double costUsd, Throwable cause) {
        super(message, cause);
        this.budgetExhausted = budgetExhausted;
        this.costUsd = costUsd;
    }

    public boolean budgetExhausted() {
        return budgetExhausted;
    }

    /** What the failed scoring call still cost. */
    public double costUsd() {
        return costUsd;
    }
}
