package dev.promptevo.web.infrastructure.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.promptevo.web.domain.security.TokenGrant;
import dev.promptevo.web.domain.security.TokenSigner;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * Signs tokens with the embedded issuer's key, as MP-JWT verification wants them: RS256, header
 * {@code typ: JWT} and {@code kid} (the key's RFC 7638 thumbprint), claims {@code iss}, {@code sub},
 * {@code upn}, {@code groups} (the role), {@code team} (when granted), {@code iat}, {@code exp} and
 * {@code jti}.
 */
public final class EmbeddedIssuer implements TokenSigner {
    /** The issuer of the embedded default; a server configured with any other issuer verifies only. */
    public static final String ISSUER = "urn:promptevo:embedded";

    /** The custom claim that names the caller's team. */
    public static final String TEAM_CLAIM = "team";

    private final String issuer;
    private final RSASSASigner signer;
    private final String keyId;

    public EmbeddedIssuer(String issuer, KeyPair keys) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.signer = new RSASSASigner(keys.getPrivate());
        try {
            this.keyId = new RSAKey.Builder((RSAPublicKey) keys.getPublic())
                    .build()
                    .computeThumbprint()
                    .toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot compute the signing key's thumbprint", e);
        }
    }

    /** The folder of the embedded issuer's files in a data directory. */
    public static Path folder(Path dataDir) {
        return dataDir.resolve("security");
    }

    @Override
    public boolean canSign() {
        return true;
    }

    @Override
    public String sign(String id, TokenGrant grant, Instant now) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(grant.subject())
                .claim("upn", grant.subject())
                .claim("groups", List.of(grant.role().id()))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(grant.lifetime())))
                .jwtID(id);
        grant.team().ifPresent(team -> claims.claim(TEAM_CLAIM, team));
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .keyID(keyId)
                        .build(),
                claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a token failed", e);
        }
        return jwt.serialize();
    }

    /** A signer for a server that only verifies tokens issued elsewhere. */
    public static TokenSigner none(String issuer) {
        return new TokenSigner() {
            @Override
            public boolean canSign() {
                return false;
            }

            @Override
            public String sign(String id, TokenGrant grant, Instant now) {
                throw new IllegalStateException(
                        "this server verifies tokens of the issuer " + issuer + " and holds no key to sign them");
            }
        };
    }
}
