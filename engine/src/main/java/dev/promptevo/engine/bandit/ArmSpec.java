package dev.promptevo.engine.bandit;

import java.util.Objects;

/**
 * An arm to serve: its stable id (the genome id) and what an offline evaluation knows of it.
 */
public record ArmSpec(String id, WarmStart warmStart) {

    public ArmSpec {
        Objects.requireNonNull(id, "arm id");
        Objects.requireNonNull(warmStart, "warmStart");
        if (id.isBlank()) {
            throw new IllegalArgumentException("arm id must not be blank");
        }
    }

    /** An arm with no offline evidence (the flat prior). */
    public static ArmSpec cold(String id) {
        return new ArmSpec(id, WarmStart.NONE);
    }

    /** An arm warm-started from an offline evaluation: mean score over that many examples. */
    public static ArmSpec warm(String id, double meanScore, long evaluations) {
        return new ArmSpec(id, new WarmStart(meanScore, evaluations));
    }
}
