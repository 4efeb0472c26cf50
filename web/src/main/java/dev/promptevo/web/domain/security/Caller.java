package dev.promptevo.web.domain.security;

import dev.promptevo.web.domain.InvalidInputException;
import dev.promptevo.web.domain.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling: a token's subject, its {@code team} claim when it has one, and its highest role.
 *
 * <p>The visibility rule: an admin sees everything; anyone else sees an object whose owner team is
 * the caller's team, or that has no owner team and was created by the caller's subject. Everything
 * else does not exist for the caller (404, never 403, so that ids of other teams' objects leak
 * nothing).
 */
public record Caller(String subject, Optional<String> team, Role role) {
    public Caller {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(role, "role");
        team = team.filter(t -> !t.isBlank());
    }

    public boolean isAdmin() {
        return role.includes(Role.ADMIN);
    }

    /**
     * What a new object created by this caller records as its owner.
     *
     * @throws InvalidInputException naming {@code Authorization} when the token's subject or team is
     *     longer than the owner columns keep (an external issuer's token may carry any length), before
     *     anything is written
     */
    public Ownership ownership() {
        List<Violation> violations = new ArrayList<>();
        if (subject.length() > Ownership.MAX_SUBJECT) {
            violations.add(new Violation(
                    "Authorization",
                    "the token's subject has " + subject.length() + " characters; this server keeps at most "
                            + Ownership.MAX_SUBJECT));
        }
        team.filter(t -> t.length() > Ownership.MAX_TEAM)
                .ifPresent(t -> violations.add(new Violation(
                        "Authorization",
                        "the token's team has " + t.length() + " characters; this server keeps at most "
                                + Ownership.MAX_TEAM)));
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return new Ownership(subject, team.orElse(null));
    }

    public boolean canSee(Ownership owner) {
        if (isAdmin()) {
            return true;
        }
        return owner.team()
                .map(t -> team.map(t::equals).orElse(false))
                .orElseGet(() -> owner.subject().equals(subject));
    }
}
