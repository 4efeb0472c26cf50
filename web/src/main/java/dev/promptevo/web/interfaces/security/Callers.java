package dev.promptevo.web.interfaces.security;

import dev.promptevo.web.domain.security.Caller;
import dev.promptevo.web.domain.security.Role;
import dev.promptevo.web.infrastructure.security.EmbeddedIssuer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller of the current request, from its verified token. */
@RequestScoped
public class Callers {
    @Inject
    private JsonWebToken token;

    /**
     * The caller: the token's subject, its {@code team} claim, its highest role. Resources are only
     * reached with a valid token ({@link AuthenticationRequired}) that grants a role ({@code
     * RolesAllowed}); the exceptions guard against a resource that forgot its annotation.
     */
    public Caller current() {
        if (token == null || token.getName() == null || token.getSubject() == null) {
            throw AuthenticationRequired.challenge(false);
        }
        return of(token).orElseThrow(() -> new ForbiddenException("the token grants none of the API's roles"));
    }

    static Optional<Caller> of(JsonWebToken token) {
        Object team = token.getClaim(EmbeddedIssuer.TEAM_CLAIM);
        Set<String> groups = token.getGroups() == null ? Set.of() : token.getGroups();
        return Role.highest(groups)
                .map(role ->
                        new Caller(token.getSubject(), Optional.ofNullable(team instanceof String s ? s : null), role));
    }
}
