package dev.promptevo.web.domain.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.web.domain.InvalidInputException;
import dev.promptevo.web.domain.Violation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskDefinitionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLE = Path.of("..", "examples", "ticket-triage");

    /** The bundled example's task.json, with its files inline as the API takes them. */
    static ObjectNode ticketTriage() throws IOException {
        ObjectNode task =
                (ObjectNode) JSON.readTree(EXAMPLE.resolve("task.json").toFile());
        for (String field : List.of("id", "dataset", "documents", "backend")) {
            task.remove(field);
        }
        task.set("outputSchema", JSON.readTree(EXAMPLE.resolve("schema.json").toFile()));
        task.set("baseGenome", JSON.readTree(EXAMPLE.resolve("base-genome.json").toFile()));
        return task;
    }

    @Test
    void theExampleTaskCompilesWithTheSeedsSearchSpace() throws IOException {
        TaskDefinition definition = TaskDefinition.parse(ticketTriage());

        assertThat(definition.name()).isEqualTo("Support ticket triage");
        assertThat(definition.backendId()).isEqualTo("simulated");
        assertThat(definition.space().genes())
                .extracting(Gene::name)
                .contains("rubric", "cot", "temperature", "max_tokens", "retriever_topk", "use_consensus", "model_key");
        assertThat(definition.baseGenome().text("model_key")).isEqualTo("sim-large");
        var task = definition.toTask("some-id");
        assertThat(task.id()).isEqualTo("some-id");
        assertThat(task.gates().minAccuracy()).isEqualTo(0.85);
        assertThat(task.safetyPatterns()).hasSize(1);
    }

    @Test
    void theStoredJsonReadsBackToTheSameDefinition() throws IOException {
        TaskDefinition first = TaskDefinition.parse(ticketTriage());
        TaskDefinition again = TaskDefinition.parse(JSON.readTree(first.json().toString()));

        assertThat(again.baseGenome().id()).isEqualTo(first.baseGenome().id());
        assertThat(again.space()).isEqualTo(first.space());
    }

    @Test
    void inlineDocumentsAndAnExplicitSearchSpaceAreAccepted() throws IOException {
        ObjectNode task = ticketTriage();
        task.putArray("documents").addObject().put("id", "policy#1").put("text", "Refunds take 5 days.");
        task.set("searchSpace", JSON.readTree("""
                [{"name": "rubric", "type": "text"}, {"name": "cot", "type": "boolean"},
                 {"name": "temperature", "type": "real", "min": 0, "max": 2},
                 {"name": "max_tokens", "type": "integer", "min": 64, "max": 1024, "step": 64},
                 {"name": "retriever_topk", "type": "integer", "min": 0, "max": 5},
                 {"name": "use_consensus", "type": "boolean"},
                 {"name": "model_key", "type": "choice", "options": ["sim-small", "sim-large"]}]"""));

        TaskDefinition definition = TaskDefinition.parse(task);

        assertThat(definition.toTask("t").documents()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo("policy#1");
            assertThat(d.title()).isEqualTo("policy#1");
        });
        assertThat(definition.space().genes()).hasSize(7);
    }

    @Test
    void everyViolationIsReportedWithItsField() throws IOException {
        ObjectNode task = ticketTriage();
        task.put("id", "mine");
        task.put("dataset", "dataset.jsonl");
        task.put("colour", "blue");
        task.put("promptTemplate", "no placeholder");
        task.putObject("gates")
                .put("minAccuracy", "high")
                .put("minValidatorScore", 1.5)
                .put("strict", true);
        task.putObject("scoring").put("preset", "fancy");
        task.putArray("safetyPatterns").addObject().put("id", "bad").put("regex", "(unclosed");
        task.putObject("backend").put("id", "simulated").putObject("settings").put("base-url", "http://x");

        List<Violation> violations = violations(task);

        assertThat(violations)
                .extracting(Violation::field)
                .containsExactlyInAnyOrder(
                        "id",
                        "dataset",
                        "colour",
                        "promptTemplate",
                        "gates.minAccuracy",
                        "gates.minValidatorScore",
                        "gates.strict",
                        "scoring.preset",
                        "safetyPatterns[0].regex",
                        "backend.settings");
        assertThat(message(violations, "gates.minAccuracy")).contains("must be a number", "string");
        assertThat(message(violations, "backend.settings")).contains("server configuration");
    }

    @Test
    void requiredFieldsAreNamedWhenMissing() {
        List<Violation> violations = violations(JSON.createObjectNode());

        assertThat(violations)
                .extracting(Violation::field)
                .containsExactlyInAnyOrder("name", "promptTemplate", "outputSchema", "baseGenome");
    }

    @Test
    void aBaseGenomeOutsideTheSpaceAndABadSchemaAreNamed() throws IOException {
        ObjectNode task = ticketTriage();
        ((ObjectNode) task.get("baseGenome")).put("temperature", 7.5);
        task.set("outputSchema", JSON.readTree("{\"type\": \"strng\"}"));

        List<Violation> violations = violations(task);

        assertThat(violations).extracting(Violation::field).containsExactlyInAnyOrder("baseGenome", "outputSchema");
        assertThat(message(violations, "baseGenome")).contains("temperature");
    }

    @Test
    void aBadGeneIsNamedByItsIndex() throws IOException {
        ObjectNode task = ticketTriage();
        task.set(
                "searchSpace",
                JSON.readTree("[{\"name\": \"cot\", \"type\": \"boolean\"}, {\"name\": \"x\", \"type\": \"fuzzy\"}]"));

        assertThat(violations(task)).extracting(Violation::field).containsExactly("searchSpace[1].type");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        assertThat(violations(JSON.createArrayNode()))
                .extracting(Violation::field)
                .containsExactly("(body)");
    }

    private static List<Violation> violations(com.fasterxml.jackson.databind.JsonNode body) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> TaskDefinition.parse(body));
        assertThat(e).as("expected the definition to be refused").isNotNull();
        return e.violations();
    }

    private static String message(List<Violation> violations, String field) {
        return violations.stream()
                .filter(v -> v.field().equals(field))
                .findFirst()
                .orElseThrow()
                .message();
    }
}
