package dev.promptevo.web.interfaces.rest.dto;

import dev.promptevo.web.domain.run.RunSettings;
import java.util.List;

/**
 * The body of {@code POST /api/runs}. Only {@code taskId} and {@code datasetId} are required; every
 * other field has the engine's default. {@code mutations} and {@code crossovers} restrict the run to
 * the named operators (plugin ids from {@code GET /api/plugins}; absent: every installed one), {@code
 * validators} adds validators that are off by default.
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
        BudgetRequest budget,
        List<String> mutations,
        List<String> crossovers,
        List<String> validators) {

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
                b.maxWallTime(),
                mutations,
                crossovers,
                validators);
    }
}
