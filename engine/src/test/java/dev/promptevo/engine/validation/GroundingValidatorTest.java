package dev.promptevo.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.api.eval.Validator;
import dev.promptevo.api.plugin.Plugins;
import dev.promptevo.api.task.Example;
import dev.promptevo.api.task.Gates;
import dev.promptevo.api.task.ScoringWeights;
import dev.promptevo.api.task.Task;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GroundingValidatorTest {
    private static final String INPUT = "Hi, I was charged twice for order ORD-123456. Please refund! -- Ada Lovelace";

    private final GroundingValidator grounding = new GroundingValidator();
    private final Task tickets = TicketFixtures.task();
    private final Example example = TicketFixtures.example(INPUT, "{}");

    @Test
    void enumFieldsAreNotCheckedAndGroundedStringsPass() {
        Validator.Verdict verdict = grounding.validate(
                tickets, example, "{\"category\": \"billing\", \"priority\": \"high\", \"order_id\": \"ord-123456\"}");

        assertThat(verdict.score()).isEqualTo(1.0);
        assertThat(verdict.reasons()).isEmpty();
    }

    @Test
    void anInventedValueIsReportedWithItsField() {
        Validator.Verdict verdict = grounding.validate(
                tickets, example, "{\"category\": \"billing\", \"priority\": \"high\", \"order_id\": \"ORD-999999\"}");

        assertThat(verdict.score()).isZero();
        assertThat(verdict.reasons()).containsExactly("order_id \"ORD-999999\" does not appear in the input");
    }

    @Test
    void anIdWrittenLooselyInTheInputGroundsItsCanonicalForm() {
        Example loose = TicketFixtures.example("my order is ord 482913, still not here", "{}");
        Validator.Verdict verdict = grounding.validate(
                tickets, loose, "{\"category\": \"shipping\", \"priority\": \"high\", \"order_id\": \"ORD-482913\"}");

        assertThat(verdict.score()).isEqualTo(1.0);
    }

    @Test
    void nothingToCheckScoresOne() {
        Validator.Verdict verdict =
                grounding.validate(tickets, example, "{\"category\": \"billing\", \"order_id\": null, \"n\": 3}");

        assertThat(verdict).isEqualTo(Validator.Verdict.pass());
    }

    @Test
    void nestedStringsAreCheckedThroughRefsCombinatorsAndArrays() {
        Task task = task("""
                {"$defs": {"severity": {"enum": ["minor", "major"]}},
                 "type": "object",
                 "properties": {
                   "customer": {"type": "object", "properties": {"name": {"type": "string"}}},
                   "issues": {"type": "array", "items": {"type": "object", "properties": {
                     "severity": {"$ref": "#/$defs/severity"},
                     "quote": {"anyOf": [{"type": "string"}, {"type": "null"}]}}}},
                   "status": {"allOf": [{"const": "open"}]}
                 }}
                """);
        String output = """
                {"customer": {"name": "Ada Lovelace"},
                 "issues": [{"severity": "major", "quote": "charged twice"},
                            {"severity": "minor", "quote": "charged three times"}],
                 "status": "open",
                 "note": "   "}
                """;

        Validator.Verdict verdict = grounding.validate(task, example, output);

        assertThat(verdict.score()).isCloseTo(2.0 / 3, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(verdict.reasons())
                .containsExactly("issues[1].quote \"charged three times\" does not appear in the input");
    }

    @Test
    void anOutputThatIsNotJsonScoresZero() {
        assertThat(grounding.validate(tickets, example, "not json").score()).isZero();
        assertThat(grounding.validate(tickets, example, " ").reasons()).containsExactly("the output is empty");
    }

    @Test
    void aSchemaThatIsNotJsonConstrainsNothing() {
        Validator.Verdict verdict = grounding.validate(task("{oops"), example, "{\"category\": \"billing\"}");

        assertThat(verdict.reasons()).containsExactly("category \"billing\" does not appear in the input");
    }

    @Test
    void isSafeToShareAcrossThreadsAndSchemas() {
        Task other = task("{\"properties\": {\"order_id\": {\"enum\": [\"ORD-999999\"]}}}");
        String output = "{\"order_id\": \"ORD-999999\"}";

        List<Double> scores = IntStream.range(0, 1000)
                .parallel()
                .mapToObj(i -> grounding
                        .validate(i % 2 == 0 ? tickets : other, example, output)
                        .score())
                .toList();

        assertThat(IntStream.range(0, 1000).mapToDouble(i -> scores.get(i) - (i % 2)))
                .containsOnly(0.0);
    }

    @Test
    void isDiscoveredAsAPlugin() {
        assertThat(Plugins.load(Validator.class).get(GroundingValidator.ID)).isInstanceOf(GroundingValidator.class);
    }

    private static Task task(String schema) {
        return new Task("t", "t", "{{input}}", schema, Gates.SEED, ScoringWeights.SEED, List.of(), List.of());
    }
}
