package dev.promptevo.api.eval;

import java.util.OptionalDouble;

/**
 * A candidate's evaluations aggregated: what objectives and reports read.
 *
 * @param examples how many evaluations were aggregated
 * @param passRate share of examples passing every gate
 * @param composite mean composite score (the default fitness)
 * @param errorRate share of evaluations whose call failed
 * @param robustness share of outputs that were schema-valid without any repair and unflagged
 * @param meanAgreement mean consensus agreement over the evaluations that used consensus; empty when
 *     none did
 */
public record MetricsSummary(
        int examples,
        double composite,
        double passRate,
        double schemaOkRate,
        double safetyFlagRate,
        double meanValidatorScore,
        double meanAccuracy,
        double latencyP50Ms,
        double latencyP95Ms,
        double meanTokens,
        double meanCostUsd,
        double meanRepairs,
        double errorRate,
        long totalTokens,
        double totalCostUsd,
        double robustness,
        OptionalDouble meanAgreement) {

    public MetricsSummary {
        java.util.Objects.requireNonNull(meanAgreement, "meanAgreement");
    }
}
