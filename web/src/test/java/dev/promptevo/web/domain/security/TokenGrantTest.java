package dev.promptevo.web.domain.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.web.domain.InvalidInputException;
import dev.promptevo.web.domain.Violation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenGrantTest {
    @Test
    void aValidRequestBecomesAGrant() {
        TokenGrant grant = TokenGrant.of("dashboard", "viewer", "team-a", 30);
        assertThat(grant.subject()).isEqualTo("dashboard");
        assertThat(grant.role()).isEqualTo(Role.VIEWER);
        assertThat(grant.team()).contains("team-a");
        assertThat(grant.lifetime()).isEqualTo(Duration.ofDays(30));
        assertThat(TokenGrant.of("ci@example.org", "OPERATOR", null, 1).team()).isEmpty();
    }

    @Test
    void everyFieldAtFaultIsNamed() {
        assertThatThrownBy(() -> TokenGrant.of(" ", "root", "a b", 0))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field)
                                .containsExactly("subject", "role", "team", "expiresInDays"));
        assertThatThrownBy(() -> TokenGrant.of("x", null, null, null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field)
                                .containsExactly("role", "expiresInDays"));
        assertThatThrownBy(() -> TokenGrant.of("x", "viewer", null, TokenGrant.MAX_DAYS + 1))
                .hasMessageContaining("expiresInDays: must be between 1 and 3650");
    }
}
