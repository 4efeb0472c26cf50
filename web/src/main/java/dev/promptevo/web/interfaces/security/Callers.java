package dev.promptevo.web.interfaces.security;

import dev.promptevo.web.domain.JsonInput;
import dev.promptevo.web.domain.security.Caller;
import dev.promptevo.web.domain.security.Ownership;
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
        Caller caller = of(token).orElseThrow(() -> new ForbiddenException("the token grants none of the API's roles"));
        checkStorable(caller);
        return caller;
    }

    /**
     * An external issuer's token may carry a subject or team longer than the owner columns keep: a
     * 400 naming the token, before anything is written, instead of the database refusing it.
     */
    static void checkStorable(Caller caller) {
        JsonInput in = new JsonInput();
        if (caller.subject().length() > Ownership.MAX_SUBJECT) {
            in.add(
                    "Authorization",
                    "the token's subject has " + caller.subject().length() + " characters; this server keeps at most "
                            + Ownership.MAX_SUBJECT);
        }
        caller.team()
                .filter(team -> team.length() > Ownership.MAX_TEAM)
                .ifPresent(team -> in.add(
                        "Authorization",
                        "the token's team has " + team.length() + " characters; this server keeps at most "
                                + Ownership.MAX_TEAM));
        in.throwIfInvalid();
    }

    static Optional<Caller> of(JsonWebToken token) {
        Object team = token.getClaim(EmbeddedIssuer.TEAM_CLAIM);
        Set<String> groups = token.getGroups() == null ? Set.of() : token.getGroups();
        return Role.highest(groups)
                .map(role ->
                        new Caller(token.getSubject(), Optional.ofNullable(team instanceof String s ? s : null), role));
    }
}
