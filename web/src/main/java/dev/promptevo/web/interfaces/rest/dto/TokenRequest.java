package dev.promptevo.web.interfaces.rest.dto;

import dev.promptevo.web.domain.security.TokenGrant;

/**
 * The body of {@code POST /api/tokens}: who the token is for, which role it grants ({@code viewer},
 * {@code operator} or {@code admin}), the team whose objects it sees (optional), and for how many
 * days it is valid.
 */
public record TokenRequest(String subject, String role, String team, Integer expiresInDays) {
    public TokenGrant grant() {
        return TokenGrant.of(subject, role, team, expiresInDays);
    }
}
