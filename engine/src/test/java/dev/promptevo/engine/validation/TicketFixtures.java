package dev.promptevo.engine.validation;

import dev.promptevo.api.task.Example;
import dev.promptevo.api.task.Gates;
import dev.promptevo.api.task.ScoringWeights;
import dev.promptevo.api.task.Task;
import java.util.List;

/** The small support-ticket task the validation tests share. */
public final class TicketFixtures {
    private TicketFixtures() {}

    public static final String SCHEMA = """
            {
              "type": "object",
              "properties": {
                "category": {"enum": ["billing", "shipping", "account", "other"]},
                "priority": {"enum": ["low", "medium", "high", "urgent"]},
                "order_id": {"type": ["string", "null"], "pattern": "^ORD-[0-9]{6}$"}
              },
              "required": ["category", "priority", "order_id"],
              "additionalProperties": false
            }
            """;

    static final List<Task.SafetyPattern> SAFETY = List.of(
            new Task.SafetyPattern("card-number", "\\b(?:\\d[ -]?){13,16}\\b"),
            new Task.SafetyPattern("email", "[\\w.+-]+@[\\w-]+\\.[\\w.]+"));

    public static Task task() {
        return new Task(
                "tickets",
                "Ticket triage",
                "Classify: {{input}}",
                SCHEMA,
                Gates.SEED,
                ScoringWeights.SEED,
                List.of(),
                SAFETY);
    }

    public static Example example(String input, String expectedJson) {
        return new Example("t-1", input, expectedJson, 0.5, List.of(), List.of());
    }
}
