package dev.promptevo.web.domain.run;

import dev.promptevo.api.search.Objective;
import dev.promptevo.engine.execution.Spend;
import dev.promptevo.web.domain.ConflictException;
import dev.promptevo.web.domain.JsonText;
import dev.promptevo.web.domain.security.Ownership;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One optimization job: a task evolved on a dataset with fixed settings. Its status moves QUEUED →
 * RUNNING → COMPLETED | FAILED | CANCELLED (QUEUED → CANCELLED too); {@code spent} is what the run
 * has spent so far, updated after every generation.
 */
@Entity
@Table(name = "run")
public class Run {
    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "task_id", nullable = false, length = 36)
    private String taskId;

    @Column(name = "dataset_id", nullable = false, length = 36)
    private String datasetId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private RunStatus status;

    @Column(nullable = false)
    private long seed;

    @Column(name = "settings_json", nullable = false)
    private String settingsJson;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "started_at")
    private OffsetDateTime startedAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    @Column(name = "generations_completed", nullable = false)
    private int generationsCompleted;

    @Column(name = "spent_calls", nullable = false)
    private long spentCalls;

    @Column(name = "spent_failed_calls", nullable = false)
    private long spentFailedCalls;

    @Column(name = "spent_tokens", nullable = false)
    private long spentTokens;

    @Column(name = "spent_cost_usd", nullable = false)
    private double spentCostUsd;

    @Column(name = "spent_wall_seconds", nullable = false)
    private double spentWallSeconds;

    @Column(name = "stop_reason", length = 40)
    private String stopReason;

    @Column(name = "error_message", length = 4000)
    private String errorMessage;

    @Column(name = "best_genome_id", length = 64)
    private String bestGenomeId;

    @Column(name = "best_composite")
    private Double bestComposite;

    @Column(name = "base_composite")
    private Double baseComposite;

    /** The objectives of the Pareto front, as [{"id", "direction"}], once the run has completed. */
    @Column(name = "objectives_json")
    private String objectivesJson;

    /**
     * Model calls the run sent to its backend, over every server lifetime: added when a generation is
     * recorded and when the run completes. Calls answered from the run's records after a restart are
     * not sent, so not counted; they are in {@code spent} (paid once, counted once).
     */
    @Column(name = "backend_calls", nullable = false)
    private long backendCalls;

    @Embedded
    private Ownership owner;

    @Version
    private long version;

    protected Run() {}

    public Run(String taskId, String datasetId, RunSettings settings, Ownership owner, Instant now) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.id = UUID.randomUUID().toString();
        this.taskId = Objects.requireNonNull(taskId, "taskId");
        this.datasetId = Objects.requireNonNull(datasetId, "datasetId");
        this.status = RunStatus.QUEUED;
        this.seed = settings.seed();
        this.settingsJson = JsonText.write(settings.toRequest());
        this.createdAt = utc(now);
    }

    public void start(Instant now) {
        if (status != RunStatus.QUEUED) {
            throw new IllegalStateException("run " + id + " cannot start from " + status);
        }
        status = RunStatus.RUNNING;
        if (startedAt == null) {
            startedAt = utc(now); // a resumed run keeps the time it first started
        }
    }

    /**
     * Queues a cancelled or failed run again, to be resumed from its last completed generation (from
     * its start when it completed none): what it did and spent so far stays. A completed run is not
     * resumed (start another run), nor an active one.
     *
     * @throws ConflictException when the run is not cancelled or failed
     */
    public void requeue() {
        if (status != RunStatus.CANCELLED && status != RunStatus.FAILED) {
            throw new ConflictException(
                    "run " + id + " is " + status + ": only a cancelled or failed run can be resumed");
        }
        status = RunStatus.QUEUED;
        stopReason = null;
        errorMessage = null;
        finishedAt = null;
    }

    /** Whether the run has run before: a queued run that has is resumed, not started afresh. */
    public boolean hasStarted() {
        return startedAt != null;
    }

    public void recordGeneration(int index, double best, String bestGenome, Spend spent) {
        generationsCompleted = Math.max(generationsCompleted, index + 1);
        bestComposite = best;
        bestGenomeId = bestGenome;
        recordSpend(spent);
    }

    /** {@code calls} more model calls sent to the backend (see {@link #backendCalls()}). */
    public void addBackendCalls(long calls) {
        if (calls < 0) {
            throw new IllegalArgumentException("calls must be >= 0, got " + calls);
        }
        backendCalls += calls;
    }

    public void complete(
            String stopReason,
            String bestGenome,
            double best,
            double base,
            List<Objective> objectives,
            Spend spent,
            Instant now) {
        requireActive();
        this.objectivesJson = JsonText.write(objectives.stream()
                .map(o -> Map.of("id", o.id(), "direction", o.direction().name()))
                .toList());
        this.status = RunStatus.COMPLETED;
        this.stopReason = stopReason;
        this.bestGenomeId = bestGenome;
        this.bestComposite = best;
        this.baseComposite = base;
        recordSpend(spent);
        this.finishedAt = utc(now);
    }

    public void fail(String message, Instant now) {
        requireActive();
        this.status = RunStatus.FAILED;
        this.errorMessage = message == null ? "unknown error" : truncate(message, 4000);
        this.finishedAt = utc(now);
    }

    /**
     * Marks the run cancelled.
     *
     * @throws ConflictException when the run has already ended
     */
    public void cancel(Instant now) {
        if (status.isFinal()) {
            throw new ConflictException("run " + id + " has already ended (" + status + ")");
        }
        this.status = RunStatus.CANCELLED;
        this.stopReason = "CANCELLED";
        this.finishedAt = utc(now);
    }

    private void requireActive() {
        if (status.isFinal()) {
            throw new IllegalStateException("run " + id + " has already ended (" + status + ")");
        }
    }

    private void recordSpend(Spend spent) {
        spentCalls = spent.calls();
        spentFailedCalls = spent.failedCalls();
        spentTokens = spent.tokens();
        spentCostUsd = spent.costUsd();
        spentWallSeconds = spent.wallSeconds();
    }

    public String id() {
        return id;
    }

    public String taskId() {
        return taskId;
    }

    public String datasetId() {
        return datasetId;
    }

    public RunStatus status() {
        return status;
    }

    public long seed() {
        return seed;
    }

    public RunSettings.Request settings() {
        return JsonText.read(settingsJson, RunSettings.Request.class);
    }

    public Ownership owner() {
        return owner;
    }

    public Instant createdAt() {
        return createdAt.toInstant();
    }

    public Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt).map(OffsetDateTime::toInstant);
    }

    public Optional<Instant> finishedAt() {
        return Optional.ofNullable(finishedAt).map(OffsetDateTime::toInstant);
    }

    public int generationsCompleted() {
        return generationsCompleted;
    }

    public Spend spent() {
        return new Spend(spentCalls, spentFailedCalls, spentTokens, spentCostUsd, spentWallSeconds);
    }

    /** Model calls sent to the backend over every server lifetime, as of the last recorded generation. */
    public long backendCalls() {
        return backendCalls;
    }

    public Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    public Optional<String> errorMessage() {
        return Optional.ofNullable(errorMessage);
    }

    public Optional<String> bestGenomeId() {
        return Optional.ofNullable(bestGenomeId);
    }

    public Optional<Double> bestComposite() {
        return Optional.ofNullable(bestComposite);
    }

    public Optional<Double> baseComposite() {
        return Optional.ofNullable(baseComposite);
    }

    /** The front's objectives as (id, direction) pairs, in order; empty before the run completes. */
    public List<Map<String, String>> objectives() {
        if (objectivesJson == null) {
            return List.of();
        }
        List<Map<String, String>> out = new ArrayList<>();
        JsonText.tree(objectivesJson)
                .forEach(o -> out.add(Map.of(
                        "id",
                        o.path("id").asText(),
                        "direction",
                        o.path("direction").asText())));
        return out;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Run other && Objects.equals(id, other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
