package dev.promptevo.web.domain.deployment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/**
 * Decisions routed to one arm within one time bucket, as flushed once from memory; a bucket's total is
 * the sum of its rows (routing writes nothing, so counts are flushed in batches).
 */
@Entity
@Table(name = "deployment_traffic")
public class TrafficCount {
    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "deployment_id", nullable = false, length = 36)
    private String deploymentId;

    @Column(name = "arm_position", nullable = false)
    private int armPosition;

    @Column(name = "bucket_start", nullable = false)
    private OffsetDateTime bucketStart;

    @Column(nullable = false)
    private long decisions;

    protected TrafficCount() {}

    public TrafficCount(String deploymentId, int armPosition, Instant bucketStart, long decisions) {
        this.id = UUID.randomUUID().toString();
        this.deploymentId = Objects.requireNonNull(deploymentId, "deploymentId");
        this.armPosition = armPosition;
        this.bucketStart = bucketStart.atOffset(ZoneOffset.UTC);
        this.decisions = decisions;
    }

    public int armPosition() {
        return armPosition;
    }

    public Instant bucketStart() {
        return bucketStart.toInstant();
    }

    public long decisions() {
        return decisions;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrafficCount other && Objects.equals(id, other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
