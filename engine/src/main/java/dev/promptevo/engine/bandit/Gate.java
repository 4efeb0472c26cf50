package dev.promptevo.engine.bandit;

/** A hard rule an arm's output is checked against on every decision; failures feed the guardrails. */
public enum Gate {
    /** The output did not match the task's JSON Schema. */
    SCHEMA,
    /** The output raised a safety flag. */
    SAFETY
}
