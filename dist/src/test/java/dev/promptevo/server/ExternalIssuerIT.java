package dev.promptevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Production security on the real server jar: MicroProfile JWT pointed at an external identity
 * provider ({@code mp.jwt.verify.issuer} and {@code mp.jwt.verify.publickey.location}, as
 * web/README.md tells an operator to set them). The test is the provider: it holds an RSA key pair,
 * gives the server only the public key as a PEM file, and signs tokens the way a provider does
 * (roles in {@code groups}, the team in {@code team}). The server must accept those with their role
 * (and the role hierarchy), refuse tokens signed by another key, of another issuer or expired (401
 * with the bearer challenge), make no key and mint nothing.
 */
class ExternalIssuerIT {
    private static final String ISSUER = "https://idp.example.test/realms/teams";

    @TempDir
    Path work;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void tokensOfTheConfiguredProviderAreAcceptedWithTheirRolesAndNoOthers() throws Exception {
        KeyPair provider = rsaKeyPair();
        KeyPair stranger = rsaKeyPair();
        Path publicKey = Files.writeString(work.resolve("idp-public.pem"), pem(provider));
        try (ServerProcess server = ServerProcess.start(
                work,
                1,
                "-Dmp.jwt.verify.issuer=" + ISSUER,
                "-Dmp.jwt.verify.publickey.location=" + publicKey.toUri())) {
            assertThat(Files.readString(server.log()))
                    .contains("PromptEvo verifies tokens of the issuer " + ISSUER)
                    .doesNotContain("PromptEvo admin token");
            assertThat(work.resolve("promptevo-data/security/admin.token")).doesNotExist();
            assertThat(work.resolve("promptevo-data/security/token-signing-private.pem"))
                    .doesNotExist();

            String viewer = token(provider, ISSUER, "viewer", Instant.now().plus(Duration.ofMinutes(10)));
            String operator = token(provider, ISSUER, "operator", Instant.now().plus(Duration.ofMinutes(10)));
            String admin = token(provider, ISSUER, "admin", Instant.now().plus(Duration.ofMinutes(10)));

            assertThat(status(server.send("GET", "/runs", null, viewer))).isEqualTo(200);
            assertThat(status(server.send("GET", "/runs", null, operator)))
                    .as("an operator may read: the role hierarchy holds for the provider's tokens")
                    .isEqualTo(200);
            HttpResponse<String> viewerStarts = server.send("POST", "/runs", "{}", viewer);
            assertThat(viewerStarts.statusCode()).as(viewerStarts.body()).isEqualTo(403);
            HttpResponse<String> operatorStarts = server.send("POST", "/runs", "{}", operator);
            assertThat(operatorStarts.statusCode())
                    .as("past the role check, the empty request itself is what is wrong: " + operatorStarts.body())
                    .isEqualTo(400);

            HttpResponse<String> mint = server.send(
                    "POST",
                    "/tokens",
                    "{\"subject\": \"someone\", \"role\": \"viewer\", \"expiresInDays\": 30}",
                    admin);
            assertThat(mint.statusCode()).as(mint.body()).isEqualTo(409);
            assertThat(mint.body()).contains("external issuer");

            assertRefused(server, token(stranger, ISSUER, "admin", Instant.now().plus(Duration.ofMinutes(10))));
            assertRefused(
                    server,
                    token(
                            provider,
                            "https://elsewhere.example.test",
                            "admin",
                            Instant.now().plus(Duration.ofMinutes(10))));
            assertRefused(server, token(provider, ISSUER, "admin", Instant.now().minus(Duration.ofMinutes(10))));
        }
    }

    private static void assertRefused(ServerProcess server, String token) throws Exception {
        HttpResponse<String> response = server.send("GET", "/runs", null, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    private static int status(HttpResponse<String> response) {
        return response.statusCode();
    }

    /** A token as an identity provider signs it: RS256, the claims web/README.md lists. */
    private static String token(KeyPair key, String issuer, String role, Instant expires) throws JOSEException {
        Instant issued = expires.minus(Duration.ofMinutes(20));
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("alice-" + role)
                .claim("upn", "alice-" + role + "@example.test")
                .claim("groups", List.of(role))
                .claim("team", "support")
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(expires))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(key.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair rsaKeyPair() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String pem(KeyPair key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes())
                        .encodeToString(key.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}
