package dev.promptevo.web.application;

import dev.promptevo.web.domain.ConflictException;
import dev.promptevo.web.domain.Page;
import dev.promptevo.web.domain.PageRequest;
import dev.promptevo.web.domain.UnknownEntityException;
import dev.promptevo.web.domain.security.IssuedToken;
import dev.promptevo.web.domain.security.IssuedTokenRepository;
import dev.promptevo.web.domain.security.TokenGrant;
import dev.promptevo.web.domain.security.TokenSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Mints, lists and revokes the tokens this server signs; each public method is one transaction.
 * What a token grants is recorded under its id ({@code jti}); the token itself is returned once, to
 * whoever minted it, and never stored.
 */
@ApplicationScoped
@Transactional
public class TokenService {
    public static final String KIND = "token";

    @Inject
    private IssuedTokenRepository tokens;

    @Inject
    private TokenSigner signer;

    @Inject
    private Clock clock;

    /** A token just signed, with its record: the only time the token is seen. */
    public record Minted(IssuedToken record, String token) {}

    /** @throws ConflictException when this server verifies another issuer's tokens and cannot sign any */
    public Minted mint(String issuedBy, TokenGrant grant) {
        if (!signer.canSign()) {
            throw new ConflictException("this server verifies the tokens of an external issuer (mp.jwt.verify.issuer)"
                    + " and holds no signing key: mint tokens with that issuer");
        }
        Instant now = clock.instant();
        IssuedToken record = new IssuedToken(UUID.randomUUID().toString(), grant, issuedBy, now);
        tokens.add(record);
        return new Minted(record, signer.sign(record.id(), grant, now));
    }

    public Page<IssuedToken> list(PageRequest page) {
        return tokens.list(page);
    }

    /** Puts a token on the deny list: from now on every request that carries it gets 401. */
    public IssuedToken revoke(String id) {
        IssuedToken token = tokens.find(id).orElseThrow(() -> new UnknownEntityException(KIND, id));
        token.revoke(clock.instant());
        return token;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean isRevoked(String id) {
        return id != null && tokens.isRevoked(id);
    }
}
