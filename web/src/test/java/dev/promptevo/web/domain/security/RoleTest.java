package dev.promptevo.web.domain.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoleTest {
    @Test
    void eachRoleIncludesTheOnesBelowItAndNoneAbove() {
        assertThat(Role.ADMIN.withImplied()).containsExactly(Role.VIEWER, Role.OPERATOR, Role.ADMIN);
        assertThat(Role.OPERATOR.withImplied()).containsExactly(Role.VIEWER, Role.OPERATOR);
        assertThat(Role.VIEWER.withImplied()).containsExactly(Role.VIEWER);
        assertThat(Role.ADMIN.includes(Role.VIEWER)).isTrue();
        assertThat(Role.OPERATOR.includes(Role.ADMIN)).isFalse();
        assertThat(Role.VIEWER.includes(Role.OPERATOR)).isFalse();
    }

    @Test
    void theHighestRoleOfATokensGroupsCountsAndOtherGroupsAreIgnored() {
        assertThat(Role.highest(List.of("staff", "viewer", "operator"))).contains(Role.OPERATOR);
        assertThat(Role.highest(List.of("Admin"))).contains(Role.ADMIN);
        assertThat(Role.highest(List.of("staff", "superuser"))).isEmpty();
        assertThat(Role.highest(List.of())).isEmpty();
    }

    @Test
    void theNamesForRolesAllowedAreTheIdsInTokens() {
        assertThat(Role.VIEWER.id()).isEqualTo(Role.Names.VIEWER).isEqualTo("viewer");
        assertThat(Role.OPERATOR.id()).isEqualTo(Role.Names.OPERATOR).isEqualTo("operator");
        assertThat(Role.ADMIN.id()).isEqualTo(Role.Names.ADMIN).isEqualTo("admin");
    }
}
