package dev.promptevo.web.domain.security;

import dev.promptevo.web.domain.InvalidInputException;
import dev.promptevo.web.domain.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a token grants: to whom ({@code subject}, and a {@code team} when given), which role, for how
 * long. Checked as a client asks for it, every field at fault named.
 */
public record TokenGrant(String subject, Role role, Optional<String> team, Duration lifetime) {
    public static final int MAX_DAYS = 3650;

    /** Printable, no spaces: subjects and teams end up in logs and in the database. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@:+-]{1,200}");

    public TokenGrant {
        team = team.filter(t -> !t.isBlank());
    }

    /**
     * @throws InvalidInputException naming {@code subject}, {@code role}, {@code team} or {@code
     *     expiresInDays}
     */
    public static TokenGrant of(String subject, String role, String team, Integer expiresInDays) {
        List<Violation> violations = new ArrayList<>();
        if (subject == null || subject.isBlank()) {
            violations.add(new Violation("subject", "is required"));
        } else if (!NAME.matcher(subject).matches()) {
            violations.add(new Violation("subject", "must be 1 to 200 of the characters A-Z a-z 0-9 . _ @ : + -"));
        }
        Optional<Role> parsed = Role.byId(role);
        if (role == null) {
            violations.add(new Violation("role", "is required (one of " + ids() + ")"));
        } else if (parsed.isEmpty()) {
            violations.add(new Violation("role", "must be one of " + ids() + ", got '" + role + "'"));
        }
        if (team != null && !NAME.matcher(team).matches()) {
            violations.add(new Violation("team", "must be 1 to 200 of the characters A-Z a-z 0-9 . _ @ : + -"));
        }
        if (expiresInDays == null) {
            violations.add(new Violation("expiresInDays", "is required (1 to " + MAX_DAYS + ")"));
        } else if (expiresInDays < 1 || expiresInDays > MAX_DAYS) {
            violations.add(
                    new Violation("expiresInDays", "must be between 1 and " + MAX_DAYS + ", got " + expiresInDays));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return new TokenGrant(subject, parsed.get(), Optional.ofNullable(team), Duration.ofDays(expiresInDays));
    }

    private static List<String> ids() {
        return Arrays.stream(Role.values()).map(Role::id).toList();
    }
}
