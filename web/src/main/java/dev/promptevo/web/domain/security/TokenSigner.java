package dev.promptevo.web.domain.security;

import java.time.Instant;

/** Signs tokens that the server's own MP-JWT verification accepts. */
public interface TokenSigner {
    /** Whether this server holds a signing key (the embedded issuer), or only verifies others' tokens. */
    boolean canSign();

    /**
     * A signed JWT for {@code grant}, with {@code id} as its {@code jti}, issued at {@code now}.
     *
     * @throws IllegalStateException when {@link #canSign()} is false
     */
    String sign(String id, TokenGrant grant, Instant now);
}
