package dev.promptevo.web.infrastructure.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.security.PublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

/**
 * Verifies a token by the rules MP-JWT (Payara's included) applies, at a given time: signed RS256
 * with the trusted key, header {@code typ: JWT}, issuer exactly the configured one, claims {@code
 * iss sub exp iat jti} present, not expired (no clock skew).
 */
final class MpJwtRules {
    private MpJwtRules() {}

    static JWTClaimsSet verify(String token, PublicKey trusted, String issuer, Instant at)
            throws ParseException, BadJOSEException, com.nimbusds.jose.JOSEException {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        // Like Payara with a PEM key: the one trusted key, whatever the token's kid says.
        processor.setJWSKeySelector(new SingleKeyJWSKeySelector<>(JWSAlgorithm.RS256, trusted));
        DefaultJWTClaimsVerifier<SecurityContext> claims =
                new DefaultJWTClaimsVerifier<>(
                        new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("iss", "sub", "exp", "iat", "jti")) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(at);
                    }
                };
        claims.setMaxClockSkew(0);
        processor.setJWTClaimsSetVerifier(claims);
        return processor.process(token, null);
    }
}
