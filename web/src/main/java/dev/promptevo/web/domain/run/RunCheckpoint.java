package dev.promptevo.web.domain.run;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A running run's state after its last completed generation (see {@link CheckpointRows}), one row per
 * run, replaced in the same transaction as the generation's row: a restart finds the checkpoint and
 * the generations that agree with each other.
 */
@Entity
@Table(name = "run_checkpoint")
public class RunCheckpoint {
    @Id
    @Column(name = "run_id", length = 36)
    private String runId;

    @Column(name = "generation_index", nullable = false)
    private int generationIndex;

    @Column(name = "state_json", nullable = false)
    private String stateJson;

    @Column(name = "recorded_at", nullable = false)
    private OffsetDateTime recordedAt;

    protected RunCheckpoint() {}

    public RunCheckpoint(String runId, int generationIndex, String stateJson, Instant now) {
        this.runId = Objects.requireNonNull(runId, "runId");
        replace(generationIndex, stateJson, now);
    }

    public void replace(int generation, String state, Instant now) {
        this.generationIndex = generation;
        this.stateJson = Objects.requireNonNull(state, "state");
        this.recordedAt = now.atOffset(ZoneOffset.UTC);
    }

    public String runId() {
        return runId;
    }

    public int generationIndex() {
        return generationIndex;
    }

    public String stateJson() {
        return stateJson;
    }

    public Instant recordedAt() {
        return recordedAt.toInstant();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunCheckpoint other && Objects.equals(runId, other.runId);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(runId);
    }
}
