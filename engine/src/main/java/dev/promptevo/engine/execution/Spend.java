package dev.promptevo.engine.execution;

/** What a run has spent so far. */
public record Spend(long calls, long failedCalls, long tokens, double costUsd, double wallSeconds) {}
