package dev.promptevo.web.infrastructure.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.promptevo.web.domain.security.Role;
import dev.promptevo.web.domain.security.TokenGrant;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedIssuerTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static KeyPair keys;
    private static KeyPair otherKeys;

    @BeforeAll
    static void keys() throws NoSuchAlgorithmException {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        keys = rsa.generateKeyPair();
        otherKeys = rsa.generateKeyPair();
    }

    private static String sign(KeyPair with, TokenGrant grant) {
        return new EmbeddedIssuer(EmbeddedIssuer.ISSUER, with).sign("jti-1", grant, NOW);
    }

    @Test
    void aTokenCarriesWhatMpJwtNeedsAndTheGrant() throws Exception {
        String token = sign(keys, new TokenGrant("dash", Role.VIEWER, Optional.of("a"), Duration.ofDays(30)));

        JWTClaimsSet claims = MpJwtRules.verify(token, keys.getPublic(), EmbeddedIssuer.ISSUER, NOW.plusSeconds(60));
        assertThat(claims.getIssuer()).isEqualTo(EmbeddedIssuer.ISSUER);
        assertThat(claims.getSubject()).isEqualTo("dash");
        assertThat(claims.getStringClaim("upn")).isEqualTo("dash");
        assertThat(claims.getStringListClaim("groups")).containsExactly("viewer");
        assertThat(claims.getStringClaim("team")).isEqualTo("a");
        assertThat(claims.getJWTID()).isEqualTo("jti-1");
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(NOW));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(NOW.plus(Duration.ofDays(30))));
        SignedJWT parsed = SignedJWT.parse(token);
        assertThat(parsed.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(parsed.getHeader().getKeyID()).isNotBlank();
    }

    @Test
    void aTokenWithoutATeamHasNoTeamClaim() throws Exception {
        String token = sign(keys, new TokenGrant("admin", Role.ADMIN, Optional.empty(), Duration.ofDays(1)));
        JWTClaimsSet claims = MpJwtRules.verify(token, keys.getPublic(), EmbeddedIssuer.ISSUER, NOW);
        assertThat(claims.getClaims()).doesNotContainKey("team");
        assertThat(claims.getStringListClaim("groups")).isEqualTo(List.of("admin"));
    }

    @Test
    void aTokenIsRefusedOnceExpiredWithAnotherKeyOrAnotherIssuer() {
        String token = sign(keys, new TokenGrant("ci", Role.OPERATOR, Optional.empty(), Duration.ofDays(1)));

        assertThatThrownBy(() -> MpJwtRules.verify(
                        token,
                        keys.getPublic(),
                        EmbeddedIssuer.ISSUER,
                        NOW.plus(Duration.ofDays(1)).plusSeconds(1)))
                .isInstanceOf(BadJOSEException.class)
                .hasMessageContaining("xpired");
        assertThatThrownBy(() -> MpJwtRules.verify(token, otherKeys.getPublic(), EmbeddedIssuer.ISSUER, NOW))
                .isInstanceOf(BadJOSEException.class);
        assertThatThrownBy(() -> MpJwtRules.verify(token, keys.getPublic(), "https://idp.example.org", NOW))
                .isInstanceOf(BadJOSEException.class);
        String tampered =
                token.substring(0, token.lastIndexOf('.') - 2) + "xx" + token.substring(token.lastIndexOf('.'));
        assertThatThrownBy(() -> MpJwtRules.verify(tampered, keys.getPublic(), EmbeddedIssuer.ISSUER, NOW))
                .isInstanceOf(Exception.class);
    }

    @Test
    void aServerOfAnExternalIssuerCannotSign() {
        var none = EmbeddedIssuer.none("https://idp.example.org");
        assertThat(none.canSign()).isFalse();
        assertThatThrownBy(() -> none.sign("x", TokenGrant.of("a", "viewer", null, 1), NOW))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("https://idp.example.org");
    }
}
