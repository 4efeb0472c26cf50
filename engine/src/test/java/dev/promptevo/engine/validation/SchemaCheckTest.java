package dev.promptevo.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SchemaCheckTest {
    private final SchemaCheck tickets = new SchemaCheck(TicketFixtures.SCHEMA);

    private static JsonNode json(String text) throws Exception {
        return Jsons.MAPPER.readTree(text);
    }

    @Test
    void aConformingObjectHasNoViolations() throws Exception {
        assertThat(tickets.violations(
                        json("{\"category\": \"billing\", \"priority\": \"high\", \"order_id\": \"ORD-123456\"}")))
                .isEmpty();
        assertThat(tickets.violations(json("{\"category\": \"other\", \"priority\": \"low\", \"order_id\": null}")))
                .isEmpty();
    }

    @Test
    void violationsNameTheJsonPath() throws Exception {
        List<String> violations = tickets.violations(
                json("{\"category\": \"billing\", \"priority\": \"critical\", \"order_id\": \"123\", \"extra\": 1}"));

        assertThat(violations)
                .containsExactly(
                        "$.order_id: does not match the regex pattern ^ORD-[0-9]{6}$",
                        "$.priority: does not have a value in the enumeration [low, medium, high, urgent]",
                        "$: property 'extra' is not defined in the schema and the schema does not allow additional"
                                + " properties");
    }

    @Test
    void aMissingRequiredFieldIsReported() throws Exception {
        assertThat(tickets.violations(json("{\"category\": \"billing\", \"order_id\": null}")))
                .containsExactly("$: required property 'priority' not found");
    }

    @Test
    void nestedPathsIncludeArrayIndices() throws Exception {
        SchemaCheck check = new SchemaCheck("""
                {"type": "object",
                 "properties": {"items": {"type": "array",
                   "items": {"type": "object", "properties": {"qty": {"type": "integer", "minimum": 1}}}}}}
                """);

        assertThat(check.violations(json("{\"items\": [{\"qty\": 2}, {\"qty\": 0}]}")))
                .containsExactly("$.items[1].qty: must have a minimum value of 1");
    }

    @Test
    void theDeclaredDraftIsRespected() throws Exception {
        // In draft-04 exclusiveMaximum is a boolean modifier of maximum; in 2020-12 it must be a number.
        String properties =
                "\"properties\": {\"n\": {\"type\": \"number\", \"maximum\": 10, \"exclusiveMaximum\": true}}";
        SchemaCheck draft4 =
                new SchemaCheck("{\"$schema\": \"http://json-schema.org/draft-04/schema#\", " + properties + "}");

        assertThat(draft4.violations(json("{\"n\": 9.5}"))).isEmpty();
        assertThat(draft4.violations(json("{\"n\": 10}"))).containsExactly("$.n: must have a maximum value of 10");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SchemaCheck("{" + properties + "}"))
                .withMessageContaining("exclusiveMaximum");
    }

    @Test
    void aSchemaThatIsNotJsonIsRejectedClearly() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SchemaCheck("{\"type\": \"object\",}"))
                .withMessageStartingWith("the output schema is not valid JSON: ");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SchemaCheck("[1, 2]"))
                .withMessage("the output schema must be a JSON object or boolean, got an array");
    }

    @Test
    void aSchemaThatBreaksItsMetaSchemaIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SchemaCheck("{\"type\": \"strng\"}"))
                .withMessageStartingWith(
                        "the output schema is not a valid https://json-schema.org/draft/2020-12/schema schema: ");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SchemaCheck("{\"$schema\": \"https://example.com/my-draft\"}"))
                .withMessageContaining("is not a draft this validator knows");
    }

    @Test
    void oneCheckServesManyThreads() throws Exception {
        JsonNode good = json("{\"category\": \"billing\", \"priority\": \"high\", \"order_id\": null}");
        JsonNode bad = json("{\"category\": \"food\", \"priority\": \"high\", \"order_id\": null}");

        List<Integer> counts = IntStream.range(0, 2000)
                .parallel()
                .mapToObj(i -> tickets.violations(i % 2 == 0 ? good : bad).size())
                .toList();

        assertThat(IntStream.range(0, 2000).map(i -> counts.get(i) - (i % 2))).containsOnly(0);
    }
}
