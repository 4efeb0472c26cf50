package dev.promptevo.web.interfaces.security;

import dev.promptevo.web.domain.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes the role order real for every token, whoever issued it: a caller in group {@code admin} is
 * also in {@code operator} and {@code viewer}, an operator also in {@code viewer}. A Jakarta Security
 * identity store that only provides groups: MP-JWT validates the token, then every such store adds
 * groups to the caller, so {@code @RolesAllowed} names the least role an operation needs.
 */
@ApplicationScoped
public class RoleHierarchy implements IdentityStore {
    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.PROVIDE_GROUPS);
    }

    @Override
    public Set<String> getCallerGroups(CredentialValidationResult validationResult) {
        return Role.highest(validationResult.getCallerGroups())
                .map(role -> role.withImplied().stream().map(Role::id).collect(Collectors.toSet()))
                .orElse(Set.of());
    }
}
