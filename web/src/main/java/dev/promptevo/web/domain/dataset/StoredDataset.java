package dev.promptevo.web.domain.dataset;

import dev.promptevo.web.domain.security.Ownership;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/** An uploaded golden dataset; its examples are {@link StoredExample} rows in upload order. */
@Entity
@Table(name = "dataset")
public class StoredDataset {
    public static final int MAX_NAME = 200;

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = MAX_NAME)
    private String name;

    @Column(name = "example_count", nullable = false)
    private int exampleCount;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Embedded
    private Ownership owner;

    @Version
    private long version;

    protected StoredDataset() {}

    public StoredDataset(String name, Ownership owner, Instant now) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.id = UUID.randomUUID().toString();
        this.name = name;
        this.createdAt = now.atOffset(ZoneOffset.UTC);
    }

    /** Records what the upload held once every line was read. */
    public void completeUpload(int examples, long bytes) {
        this.exampleCount = examples;
        this.sizeBytes = bytes;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public int exampleCount() {
        return exampleCount;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public Ownership owner() {
        return owner;
    }

    public Instant createdAt() {
        return createdAt.toInstant();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredDataset other && Objects.equals(id, other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
