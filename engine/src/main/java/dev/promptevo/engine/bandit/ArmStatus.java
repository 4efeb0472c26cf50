package dev.promptevo.engine.bandit;

/** Whether an arm receives traffic. */
public enum ArmStatus {
    ACTIVE,
    PAUSED
}
