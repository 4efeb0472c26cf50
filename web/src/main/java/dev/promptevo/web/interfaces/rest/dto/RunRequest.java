package dev.promptevo.web.interfaces.rest.dto;

import dev.promptevo.web.domain.run.RunSettings;

/**
 * The body of {@code POST /api/runs}. Only {@code taskId} and {@code datasetId} are required; every
 * other field has the engine's default.
 */
public record RunRequest(
        String taskId,
        String datasetId,
        Integer population,
        Integer generations,
        Long seed,
        Integer concurrency,
        Integer stagnationLimit,
        Double targetComposite,
        BudgetRequest budget) {

    /** Hard limits of the run; absent ones are unlimited. {@code maxWallTime} is ISO-8601, e.g. {@code PT5M}. */
    public record BudgetRequest(Long maxCalls, Double maxUsd, String maxWallTime) {}

    public RunSettings.Request settings() {
        BudgetRequest b = budget == null ? new BudgetRequest(null, null, null) : budget;
        return new RunSettings.Request(
                population,
                generations,
                seed,
                concurrency,
                stagnationLimit,
                targetComposite,
                b.maxCalls(),
                b.maxUsd(),
                b.maxWallTime());
    }
}
