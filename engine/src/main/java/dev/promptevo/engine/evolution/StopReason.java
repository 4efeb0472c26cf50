package dev.promptevo.engine.evolution;

/** Why a run ended. */
public enum StopReason {
    GENERATIONS,
    TARGET_REACHED,
    STAGNATION,
    BUDGET,
    CANCELLED
}
