package dev.promptevo.web.domain.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.promptevo.web.domain.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallerTest {
    private static final Ownership ALICE_IN_A = new Ownership("alice", "a");
    private static final Ownership ALICE_ALONE = new Ownership("alice", null);
    private static final Ownership BOB_IN_B = new Ownership("bob", "b");

    private static Caller caller(String subject, String team, Role role) {
        return new Caller(subject, Optional.ofNullable(team), role);
    }

    @Test
    void aSubjectOrTeamLongerThanTheOwnerColumnsCannotOwnAnythingAndTheTokenIsNamed() {
        String longest = "s".repeat(Ownership.MAX_SUBJECT);
        assertThat(caller(longest, longest, Role.ADMIN).ownership().subject()).isEqualTo(longest);

        InvalidInputException e = catchThrowableOfType(
                InvalidInputException.class,
                () -> caller(longest + "s", longest + "t", Role.VIEWER).ownership());

        assertThat(e.violations())
                .hasSize(2)
                .allSatisfy(v -> assertThat(v.field()).isEqualTo("Authorization"));
        assertThat(e.getMessage()).contains("subject has 501 characters", "team has 501 characters");
        assertThat(caller(longest + "s", null, Role.VIEWER).canSee(ALICE_ALONE))
                .as("reading needs no owner")
                .isFalse();
    }

    @Test
    void aTeamSeesItsTeamsObjectsWhoeverCreatedThem() {
        Caller carol = caller("carol", "a", Role.VIEWER);
        assertThat(carol.canSee(ALICE_IN_A)).isTrue();
        assertThat(carol.canSee(BOB_IN_B)).isFalse();
        assertThat(carol.canSee(ALICE_ALONE))
                .as("alice's objects made without a team")
                .isFalse();
    }

    @Test
    void withoutATeamACallerSeesOnlyWhatTheSameSubjectMadeWithoutATeam() {
        assertThat(caller("alice", null, Role.OPERATOR).canSee(ALICE_ALONE)).isTrue();
        assertThat(caller("alice", null, Role.OPERATOR).canSee(ALICE_IN_A))
                .as("a team's object needs the team")
                .isFalse();
        assertThat(caller("bob", null, Role.OPERATOR).canSee(ALICE_ALONE)).isFalse();
        assertThat(caller("alice", "b", Role.OPERATOR).canSee(ALICE_ALONE)).isTrue();
    }

    @Test
    void anAdminSeesEveryTeamsObjectsAndTheOnesFromBeforeSecurity() {
        Caller admin = caller("admin", null, Role.ADMIN);
        assertThat(admin.canSee(ALICE_IN_A)).isTrue();
        assertThat(admin.canSee(BOB_IN_B)).isTrue();
        assertThat(admin.canSee(new Ownership(Ownership.BEFORE_SECURITY, null))).isTrue();
        assertThat(caller("carol", null, Role.OPERATOR).canSee(new Ownership(Ownership.BEFORE_SECURITY, null)))
                .isFalse();
    }

    @Test
    void whatACallerCreatesIsVisibleToItAndRecordsItsTeam() {
        Caller carol = caller("carol", "a", Role.OPERATOR);
        assertThat(carol.ownership()).isEqualTo(new Ownership("carol", "a"));
        assertThat(carol.canSee(carol.ownership())).isTrue();
        assertThat(caller("dave", " ", Role.VIEWER).team())
                .as("a blank team is none")
                .isEmpty();
    }
}
