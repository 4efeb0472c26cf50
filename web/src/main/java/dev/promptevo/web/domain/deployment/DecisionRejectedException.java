package dev.promptevo.web.domain.deployment;

import java.util.Objects;

/** A decision id a reward cannot use: not one this server issued (or not visible), or too old. */
public final class DecisionRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Malformed, tampered with, signed with another key, or of a deployment the caller cannot see. */
        UNKNOWN,
        /** Issued longer ago than its deployment's decision time-to-live. */
        EXPIRED
    }

    private final Reason reason;

    public DecisionRejectedException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
