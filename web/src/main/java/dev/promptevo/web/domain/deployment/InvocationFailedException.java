package dev.promptevo.web.domain.deployment;

/** The backend could not answer an invocation (its reason is the message); nothing was rewarded. */
public final class InvocationFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String decisionId;

    public InvocationFailedException(String message, String decisionId) {
        super(message);
        this.decisionId = decisionId;
    }

    /** The decision the failed invocation was routed by. */
    public String decisionId() {
        return decisionId;
    }
}
