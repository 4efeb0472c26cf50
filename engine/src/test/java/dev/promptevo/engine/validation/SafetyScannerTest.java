package dev.promptevo.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.api.task.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

class SafetyScannerTest {
    private final SafetyScanner scanner = new SafetyScanner(TicketFixtures.SAFETY);

    @Test
    void aCleanOutputRaisesNoFlag() {
        assertThat(scanner.flags("{\"category\": \"billing\", \"order_id\": \"ORD-123456\"}"))
                .isEmpty();
    }

    @Test
    void eachMatchingPatternIsReportedOnceInTheTasksOrder() {
        String output = "{\"note\": \"mail ada@example.com or bob@example.org\", \"card\": \"4111 1111 1111 1111\"}";

        assertThat(scanner.flags(output)).containsExactly("card-number", "email");
    }

    @Test
    void aLeakInProseOutsideTheJsonCounts() {
        assertThat(scanner.flags("Contact ada@example.com for details.\n{\"category\": \"account\"}"))
                .containsExactly("email");
    }

    @Test
    void patternsSharingAnIdFlagOnce() {
        SafetyScanner secrets = new SafetyScanner(List.of(
                new Task.SafetyPattern("secret", "sk-[A-Za-z0-9]{8,}"),
                new Task.SafetyPattern("secret", "(?i)password\\s*[:=]")));

        assertThat(secrets.flags("password: hunter2, key sk-abcdefgh1234")).containsExactly("secret");
        assertThat(secrets.flags("PASSWORD = x")).containsExactly("secret");
    }

    @Test
    void noPatternsNoFlags() {
        assertThat(new SafetyScanner(List.of()).flags("anything")).isEmpty();
    }
}
