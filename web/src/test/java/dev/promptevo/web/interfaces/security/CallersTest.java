package dev.promptevo.web.interfaces.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.promptevo.web.domain.InvalidInputException;
import dev.promptevo.web.domain.security.Caller;
import dev.promptevo.web.domain.security.Ownership;
import dev.promptevo.web.domain.security.Role;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallersTest {
    @Test
    void aSubjectOrTeamLongerThanTheOwnerColumnsIsRefusedNamingTheToken() {
        String longest = "s".repeat(Ownership.MAX_SUBJECT);
        assertThatCode(() -> Callers.checkStorable(new Caller(longest, Optional.of(longest), Role.ADMIN)))
                .doesNotThrowAnyException();

        InvalidInputException e = catchThrowableOfType(
                InvalidInputException.class,
                () -> Callers.checkStorable(new Caller(longest + "s", Optional.of(longest + "t"), Role.VIEWER)));

        assertThat(e.violations())
                .hasSize(2)
                .allSatisfy(v -> assertThat(v.field()).isEqualTo("Authorization"));
        assertThat(e.getMessage()).contains("subject has 501 characters", "team has 501 characters");
    }
}
