package dev.promptevo.web.application;

import dev.promptevo.web.domain.run.Generation;
import dev.promptevo.web.domain.run.Run;

/** Events between the run services and the launcher, observed once their transaction has committed. */
public final class RunEvents {
    private RunEvents() {}

    /** A run was stored as QUEUED and may be started. */
    public record Queued(String runId) {}

    /** A run was marked CANCELLED; its worker, if any, should stop. */
    public record Cancelled(String runId) {}

    /** A run completed a generation; {@code run} is its state right after. */
    public record GenerationRecorded(Run run, Generation generation) {}

    /** A run changed status (started, completed, failed, cancelled); {@code run} is its new state. */
    public record StatusChanged(Run run) {}
}
