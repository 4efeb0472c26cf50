package dev.promptevo.web.domain.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * The record of a token this server signed: its id (the JWT's {@code jti}), what it grants, when it
 * expires, who asked for it, and whether it was revoked. The token itself is never stored: it is
 * shown once, to the admin who minted it.
 */
@Entity
@Table(name = "issued_token")
public class IssuedToken {
    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = Ownership.MAX_SUBJECT)
    private String subject;

    @Column(nullable = false, length = 20)
    private String role;

    @Column(length = Ownership.MAX_TEAM)
    private String team;

    @Column(name = "issued_by", nullable = false, length = Ownership.MAX_SUBJECT)
    private String issuedBy;

    @Column(name = "issued_at", nullable = false)
    private OffsetDateTime issuedAt;

    @Column(name = "expires_at", nullable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    @Version
    private long version;

    protected IssuedToken() {}

    public IssuedToken(String id, TokenGrant grant, String issuedBy, Instant now) {
        this.id = Objects.requireNonNull(id, "id");
        this.subject = grant.subject();
        this.role = grant.role().id();
        this.team = grant.team().orElse(null);
        this.issuedBy = Objects.requireNonNull(issuedBy, "issuedBy");
        this.issuedAt = utc(now);
        this.expiresAt = utc(now.plus(grant.lifetime()));
    }

    /** Marks the token revoked from now on; revoking twice keeps the first time. */
    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = utc(now);
        }
    }

    public String id() {
        return id;
    }

    public String subject() {
        return subject;
    }

    public Role role() {
        return Role.byId(role).orElseThrow();
    }

    public Optional<String> team() {
        return Optional.ofNullable(team);
    }

    public String issuedBy() {
        return issuedBy;
    }

    public Instant issuedAt() {
        return issuedAt.toInstant();
    }

    public Instant expiresAt() {
        return expiresAt.toInstant();
    }

    public Optional<Instant> revokedAt() {
        return Optional.ofNullable(revokedAt).map(OffsetDateTime::toInstant);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IssuedToken other && Objects.equals(id, other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
