package dev.promptevo.web.domain.deployment;

import dev.promptevo.web.domain.security.Ownership;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A bandit serving a task's traffic over a fixed set of {@link DeploymentArm arms}. {@code stateJson}
 * is the bandit's snapshot (pauses, production arm, promotions, decision counts, gate tallies); its
 * posteriors are rebuilt from the stored {@link DecisionReward rewards}, which are the source of truth.
 */
@Entity
@Table(name = "deployment")
public class Deployment {
    public static final int MAX_NAME = 200;

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = MAX_NAME)
    private String name;

    @Column(name = "task_id", nullable = false, length = 36)
    private String taskId;

    @Column(name = "run_id", length = 36)
    private String runId;

    @Column(name = "dataset_id", length = 36)
    private String datasetId;

    @Column(name = "decision_ttl_seconds", nullable = false)
    private long decisionTtlSeconds;

    @Column(name = "state_json", nullable = false)
    private String stateJson;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Embedded
    private Ownership owner;

    @Version
    private long version;

    protected Deployment() {}

    public Deployment(
            String name,
            String taskId,
            Optional<String> runId,
            Optional<String> datasetId,
            Duration decisionTtl,
            String stateJson,
            Ownership owner,
            Instant now) {
        this.id = UUID.randomUUID().toString();
        this.name = Objects.requireNonNull(name, "name");
        this.taskId = Objects.requireNonNull(taskId, "taskId");
        this.runId = runId.orElse(null);
        this.datasetId = datasetId.orElse(null);
        this.decisionTtlSeconds = decisionTtl.toSeconds();
        this.stateJson = Objects.requireNonNull(stateJson, "stateJson");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.createdAt = now.atOffset(ZoneOffset.UTC);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String taskId() {
        return taskId;
    }

    public Optional<String> runId() {
        return Optional.ofNullable(runId);
    }

    public Optional<String> datasetId() {
        return Optional.ofNullable(datasetId);
    }

    public Duration decisionTtl() {
        return Duration.ofSeconds(decisionTtlSeconds);
    }

    public String stateJson() {
        return stateJson;
    }

    public void saveState(String json) {
        this.stateJson = Objects.requireNonNull(json, "state");
    }

    public Instant createdAt() {
        return createdAt.toInstant();
    }

    public Ownership owner() {
        return owner;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Deployment other && Objects.equals(id, other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
