package dev.promptevo.web.domain.run;

import dev.promptevo.engine.evolution.GenerationReport;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/** One completed generation of a run, written as soon as it completes. */
@Entity
@Table(name = "run_generation")
public class Generation {
    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "run_id", nullable = false, length = 36)
    private String runId;

    @Column(name = "generation_index", nullable = false)
    private int index;

    @Column(name = "best_composite", nullable = false)
    private double bestComposite;

    @Column(name = "median_composite", nullable = false)
    private double medianComposite;

    @Column(nullable = false)
    private int evaluations;

    @Column(name = "best_genome_id", nullable = false, length = 64)
    private String bestGenomeId;

    @Column(name = "spent_calls", nullable = false)
    private long spentCalls;

    @Column(name = "spent_tokens", nullable = false)
    private long spentTokens;

    @Column(name = "spent_cost_usd", nullable = false)
    private double spentCostUsd;

    @Column(name = "spent_wall_seconds", nullable = false)
    private double spentWallSeconds;

    @Column(name = "recorded_at", nullable = false)
    private OffsetDateTime recordedAt;

    protected Generation() {}

    public Generation(String runId, GenerationReport report, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.runId = runId;
        this.index = report.index();
        this.bestComposite = report.bestComposite();
        this.medianComposite = report.medianComposite();
        this.evaluations = report.evaluations();
        this.bestGenomeId = report.bestGenomeId();
        this.spentCalls = report.spent().calls();
        this.spentTokens = report.spent().tokens();
        this.spentCostUsd = report.spent().costUsd();
        this.spentWallSeconds = report.spent().wallSeconds();
        this.recordedAt = now.atOffset(ZoneOffset.UTC);
    }

    public String runId() {
        return runId;
    }

    public int index() {
        return index;
    }

    public double bestComposite() {
        return bestComposite;
    }

    public double medianComposite() {
        return medianComposite;
    }

    public int evaluations() {
        return evaluations;
    }

    public String bestGenomeId() {
        return bestGenomeId;
    }

    public long spentCalls() {
        return spentCalls;
    }

    public long spentTokens() {
        return spentTokens;
    }

    public double spentCostUsd() {
        return spentCostUsd;
    }

    public double spentWallSeconds() {
        return spentWallSeconds;
    }

    public Instant recordedAt() {
        return recordedAt.toInstant();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Generation other && Objects.equals(id, other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
