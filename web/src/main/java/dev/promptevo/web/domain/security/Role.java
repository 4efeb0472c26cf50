package dev.promptevo.web.domain.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The API's roles, each granting everything the ones before it grant: a viewer reads, an operator
 * also starts and cancels runs and uploads tasks and datasets, an admin also mints and revokes
 * tokens and sees every team's objects. A token names its roles in the MP-JWT {@code groups} claim.
 */
public enum Role {
    VIEWER(Names.VIEWER),
    OPERATOR(Names.OPERATOR),
    ADMIN(Names.ADMIN);

    /** The roles' names, as constants for {@code @RolesAllowed}. */
    public static final class Names {
        public static final String VIEWER = "viewer";
        public static final String OPERATOR = "operator";
        public static final String ADMIN = "admin";

        private Names() {}
    }

    private final String id;

    Role(String id) {
        this.id = id;
    }

    /** The name in tokens and in {@code @RolesAllowed}. */
    public String id() {
        return id;
    }

    /** Whether this role grants everything {@code other} grants. */
    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    /** This role and every role below it: the groups a caller with this role is in. */
    public Set<Role> withImplied() {
        return EnumSet.range(VIEWER, this);
    }

    public static Optional<Role> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        for (Role role : values()) {
            if (role.id.equals(wanted)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** The highest role among a token's groups; groups that name no role are ignored. */
    public static Optional<Role> highest(Collection<String> groups) {
        return groups.stream().map(Role::byId).flatMap(Optional::stream).max(Enum::compareTo);
    }
}
