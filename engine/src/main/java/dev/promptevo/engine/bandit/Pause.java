package dev.promptevo.engine.bandit;

import java.util.Objects;

/** Why an arm is paused: who or what paused it, and the reason in words. */
public record Pause(Cause cause, String reason) {

    public enum Cause {
        /** An operator paused it. */
        MANUAL,
        /** A {@link Guardrail} tripped. */
        GUARDRAIL,
        /** Another arm was promoted. */
        PROMOTION,
        /** Its own promotion was rolled back. */
        ROLLBACK
    }

    public Pause {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(reason, "reason");
    }
}
