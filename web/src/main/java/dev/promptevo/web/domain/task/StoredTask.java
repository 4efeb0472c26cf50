package dev.promptevo.web.domain.task;

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
import java.util.Optional;
import java.util.UUID;

/** A task as stored: its definition as JSON text (see {@link TaskDefinition}) and what lists show. */
@Entity
@Table(name = "task")
public class StoredTask {
    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = TaskDefinition.MAX_NAME)
    private String name;

    @Column(length = TaskDefinition.MAX_DESCRIPTION)
    private String description;

    @Column(name = "backend_id", nullable = false, length = 200)
    private String backendId;

    @Column(name = "definition_json", nullable = false)
    private String definitionJson;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Embedded
    private Ownership owner;

    @Version
    private long version;

    protected StoredTask() {}

    public StoredTask(TaskDefinition definition, Ownership owner, Instant now) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.id = UUID.randomUUID().toString();
        this.name = definition.name();
        this.description = definition.description().orElse(null);
        this.backendId = definition.backendId();
        this.definitionJson = definition.json().toString();
        this.createdAt = now.atOffset(ZoneOffset.UTC);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    public String backendId() {
        return backendId;
    }

    public String definitionJson() {
        return definitionJson;
    }

    public Ownership owner() {
        return owner;
    }

    public Instant createdAt() {
        return createdAt.toInstant();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredTask other && Objects.equals(id, other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
