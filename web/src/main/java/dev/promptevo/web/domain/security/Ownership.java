package dev.promptevo.web.domain.security;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;
import java.util.Optional;

/**
 * Who created a task, dataset or run: the creator's token subject and, when the token carried one,
 * its team. Recorded once, when the object is created.
 */
@Embeddable
public class Ownership {
    /** The owner of objects created before the server had authentication (schema version 1): admins only. */
    public static final String BEFORE_SECURITY = "(before-security)";

    public static final int MAX_SUBJECT = 500;
    public static final int MAX_TEAM = 500;

    @Column(name = "owner_subject", nullable = false, length = MAX_SUBJECT)
    private String subject;

    @Column(name = "owner_team", length = MAX_TEAM)
    private String team;

    protected Ownership() {}

    public Ownership(String subject, String team) {
        this.subject = Objects.requireNonNull(subject, "subject");
        this.team = team;
    }

    public String subject() {
        return subject;
    }

    public Optional<String> team() {
        return Optional.ofNullable(team);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ownership other && subject.equals(other.subject) && Objects.equals(team, other.team);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subject, team);
    }

    @Override
    public String toString() {
        return team == null ? subject : subject + " (team " + team + ")";
    }
}
