package dev.promptevo.web.interfaces.rest.dto;

import dev.promptevo.web.domain.run.Run;
import dev.promptevo.web.domain.run.RunSettings;
import java.time.Instant;

/**
 * A run: its state, settings, progress, spend, (once there is one) its best candidate, and its owner
 * (the starter's token subject, and team when the token had one). {@code backendCalls} counts the
 * model calls the run sent to its backend over every server lifetime, as of its last recorded
 * generation; {@code spent.calls} counts the calls its results rest on, those answered from its
 * records after a restart included (paid once, counted once).
 */
public record RunView(
        String id,
        String taskId,
        String datasetId,
        String status,
        long seed,
        RunSettings.Request settings,
        String createdAt,
        String startedAt,
        String finishedAt,
        int generationsCompleted,
        SpendView spent,
        long backendCalls,
        String stopReason,
        String error,
        String bestGenomeId,
        Double bestComposite,
        Double baseComposite,
        String owner,
        String team) {

    public static RunView of(Run run) {
        return new RunView(
                run.id(),
                run.taskId(),
                run.datasetId(),
                run.status().name(),
                run.seed(),
                run.settings(),
                run.createdAt().toString(),
                run.startedAt().map(Instant::toString).orElse(null),
                run.finishedAt().map(Instant::toString).orElse(null),
                run.generationsCompleted(),
                SpendView.of(run.spent()),
                run.backendCalls(),
                run.stopReason().orElse(null),
                run.errorMessage().orElse(null),
                run.bestGenomeId().orElse(null),
                run.bestComposite().orElse(null),
                run.baseComposite().orElse(null),
                run.owner().subject(),
                run.owner().team().orElse(null));
    }
}
