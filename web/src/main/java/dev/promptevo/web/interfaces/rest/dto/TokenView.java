package dev.promptevo.web.interfaces.rest.dto;

import dev.promptevo.web.domain.security.IssuedToken;
import java.time.Instant;

/**
 * A token this server signed: its id (the JWT's {@code jti}), what it grants and until when. {@code
 * token}, the bearer token itself, is only in the answer that minted it: it is stored nowhere.
 */
public record TokenView(
        String id,
        String subject,
        String role,
        String team,
        String issuedBy,
        String issuedAt,
        String expiresAt,
        String revokedAt,
        String token) {

    public static TokenView of(IssuedToken record) {
        return withToken(record, null);
    }

    public static TokenView withToken(IssuedToken record, String token) {
        return new TokenView(
                record.id(),
                record.subject(),
                record.role().id(),
                record.team().orElse(null),
                record.issuedBy(),
                record.issuedAt().toString(),
                record.expiresAt().toString(),
                record.revokedAt().map(Instant::toString).orElse(null),
                token);
    }
}
