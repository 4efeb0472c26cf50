package dev.promptevo.api.model;

/**
 * A call that failed. The engine turns it into a failed evaluation with this message as the reason;
 * a run never crashes on one.
 */
public class BackendException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final double costUsd;

    public BackendException(String message, boolean retryable, double costUsd, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.costUsd = costUsd;
    }

    public BackendException(String message, boolean retryable) {
        this(message, retryable, 0.0, null);
    }

    /** Whether the same request may succeed later (rate limit, 5xx, network). */
    public boolean retryable() {
        return retryable;
    }

    /** What the failed call still cost (a provider may bill a call that timed out). */
    public double costUsd() {
        return costUsd;
    }
}
