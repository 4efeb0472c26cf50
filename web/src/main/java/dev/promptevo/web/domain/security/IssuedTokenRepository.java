package dev.promptevo.web.domain.security;

import dev.promptevo.web.domain.Page;
import dev.promptevo.web.domain.PageRequest;
import java.util.Optional;

public interface IssuedTokenRepository {
    void add(IssuedToken token);

    Optional<IssuedToken> find(String id);

    /** Newest first. */
    Page<IssuedToken> list(PageRequest page);

    /** Whether a token with this id was revoked: the deny list every request is checked against. */
    boolean isRevoked(String id);
}
