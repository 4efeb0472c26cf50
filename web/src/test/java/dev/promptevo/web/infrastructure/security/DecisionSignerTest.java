package dev.promptevo.web.infrastructure.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.web.domain.deployment.DecisionRejectedException;
import dev.promptevo.web.domain.deployment.DecisionToken;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DecisionSignerTest {
    private static final byte[] KEY = new byte[32];
    private static final String DEPLOYMENT = "6f1c2b8e-4d3a-4c5b-9e7f-0a1b2c3d4e5f";
    private static final Instant NOW = Instant.parse("2026-11-25T22:00:00.123Z");

    static {
        for (int i = 0; i < KEY.length; i++) {
            KEY[i] = (byte) (i * 7 + 1);
        }
    }

    private final DecisionSigner signer = new DecisionSigner(KEY, 42);

    @Test
    void anIssuedIdVerifiesToItsDecision() {
        DecisionSigner.Issued issued = signer.issue(DEPLOYMENT, 3, NOW);
        DecisionToken token = signer.verify(issued.id());
        assertThat(token).isEqualTo(issued.token());
        assertThat(token.deploymentId()).isEqualTo(DEPLOYMENT);
        assertThat(token.armPosition()).isEqualTo(3);
        assertThat(token.issuedAt()).isEqualTo(NOW);
        assertThat(issued.id()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void everyDecisionHasItsOwnId() {
        Set<String> ids = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            DecisionSigner.Issued issued = signer.issue(DEPLOYMENT, 0, NOW);
            ids.add(issued.id());
            keys.add(issued.token().decisionId());
        }
        assertThat(ids).hasSize(10_000);
        assertThat(keys).hasSize(10_000);
    }

    @Test
    void aChangeToAnyByteIsRefused() {
        String id = signer.issue(DEPLOYMENT, 1, NOW).id();
        byte[] bytes = Base64.getUrlDecoder().decode(id);
        for (int i = 0; i < bytes.length; i++) {
            byte[] tampered = bytes.clone();
            tampered[i] ^= 0x10;
            String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            assertThatThrownBy(() -> signer.verify(forged))
                    .as("byte %d", i)
                    .isInstanceOfSatisfying(
                            DecisionRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(DecisionRejectedException.Reason.UNKNOWN));
        }
    }

    @Test
    void anotherKeysIdsAndGarbageAreRefused() {
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        String foreign =
                new DecisionSigner(otherKey, 42).issue(DEPLOYMENT, 0, NOW).id();
        for (String bad : new String[] {foreign, "", "abc", "not base64 !", null, foreign + "AA"}) {
            assertThatThrownBy(() -> signer.verify(bad)).isInstanceOf(DecisionRejectedException.class);
        }
    }

    @Test
    void aTokenExpiresAfterItsTimeToLive() {
        DecisionToken token = new DecisionToken(UUID.randomUUID().toString(), 0, NOW, new byte[16]);
        assertThat(token.expired(NOW.plusSeconds(60), java.time.Duration.ofSeconds(60)))
                .isFalse();
        assertThat(token.expired(NOW.plusSeconds(61), java.time.Duration.ofSeconds(60)))
                .isTrue();
    }
}
