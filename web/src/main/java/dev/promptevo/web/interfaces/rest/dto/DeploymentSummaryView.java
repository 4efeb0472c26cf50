package dev.promptevo.web.interfaces.rest.dto;

import dev.promptevo.web.domain.deployment.Deployment;

/** A deployment in a list: what it serves, without its statistics (GET it for those). */
public record DeploymentSummaryView(
        String id,
        String name,
        String taskId,
        String runId,
        String datasetId,
        long decisionTtlSeconds,
        String createdAt) {

    public static DeploymentSummaryView of(Deployment d) {
        return new DeploymentSummaryView(
                d.id(),
                d.name(),
                d.taskId(),
                d.runId().orElse(null),
                d.datasetId().orElse(null),
                d.decisionTtl().toSeconds(),
                d.createdAt().toString());
    }
}
