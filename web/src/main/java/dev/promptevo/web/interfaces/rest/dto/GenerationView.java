package dev.promptevo.web.interfaces.rest.dto;

import dev.promptevo.web.domain.run.Generation;

/** One completed generation; {@code spent} is the run's cumulative spend at its end. */
public record GenerationView(
        int index,
        double bestComposite,
        double medianComposite,
        int evaluations,
        String bestGenomeId,
        SpendView spent,
        String recordedAt) {
    public static GenerationView of(Generation g) {
        return new GenerationView(
                g.index(),
                g.bestComposite(),
                g.medianComposite(),
                g.evaluations(),
                g.bestGenomeId(),
                new SpendView(g.spentCalls(), 0, g.spentTokens(), g.spentCostUsd(), g.spentWallSeconds()),
                g.recordedAt().toString());
    }
}
