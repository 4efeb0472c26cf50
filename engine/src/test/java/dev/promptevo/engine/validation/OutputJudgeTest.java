package dev.promptevo.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import dev.promptevo.api.eval.Validator;
import dev.promptevo.api.task.Example;
import dev.promptevo.api.task.Task;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutputJudgeTest {
    private static final String INPUT = "My order ORD-123456 was charged twice, please fix the billing.";
    private static final String EXPECTED =
            "{\"category\": \"billing\", \"priority\": \"high\", \"order_id\": \"ORD-123456\"}";
    private static final String CANONICAL =
            "{\"category\":\"billing\",\"order_id\":\"ORD-123456\",\"priority\":\"high\"}";

    private final Example example = TicketFixtures.example(INPUT, EXPECTED);
    private final OutputJudge judge = new OutputJudge(TicketFixtures.task(), List.of(new GroundingValidator()));

    @Test
    void aCorrectOutputPassesEverything() {
        OutputJudge.Judgement judgement = judge.judge(example, List.of(EXPECTED));

        assertThat(judgement).isEqualTo(new OutputJudge.Judgement(CANONICAL, true, 0, 1.0, 1.0, 0, 1.0, List.of()));
    }

    @Test
    void chainOfThoughtIsReadWithoutRepairs() {
        OutputJudge.Judgement judgement =
                judge.judge(example, List.of("Reasoning: a double charge is billing, high.\nAnswer: " + EXPECTED));

        assertThat(judgement.repairs()).isZero();
        assertThat(judgement.finalOutput()).isEqualTo(CANONICAL);
        assertThat(judgement.failures()).isEmpty();
    }

    @Test
    void repairsAndMismatchesAreCountedAndExplained() {
        OutputJudge.Judgement judgement = judge.judge(
                example,
                List.of(
                        "```json\n{\"category\": \"billing\", \"priority\": \"medium\", \"order_id\": \"ORD-123456\",}\n```"));

        assertThat(judgement.schemaOk()).isTrue();
        assertThat(judgement.repairs()).isEqualTo(2);
        assertThat(judgement.accuracy()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(judgement.failures())
                .containsExactly(
                        "repair: stripped markdown code fences",
                        "repair: removed trailing commas",
                        "field priority: expected \"high\", got \"medium\"");
    }

    @Test
    void schemaViolationsAndInventedValuesAreReported() {
        OutputJudge.Judgement judgement = judge.judge(
                example, List.of("{\"category\": \"refund\", \"priority\": \"high\", \"order_id\": \"ORD-999999\"}"));

        assertThat(judgement.schemaOk()).isFalse();
        assertThat(judgement.validatorScore()).isZero();
        assertThat(judgement.failures())
                .containsExactly(
                        "schema: $.category: does not have a value in the enumeration [billing, shipping, account, other]",
                        "field category: expected \"billing\", got \"refund\"",
                        "field order_id: expected \"ORD-123456\", got \"ORD-999999\"",
                        "validator.grounding: order_id \"ORD-999999\" does not appear in the input");
    }

    @Test
    void aTruncatedOutputIsClosedButTheSchemaFindsTheMissingField() {
        OutputJudge.Judgement judgement =
                judge.judge(example, List.of("{\"category\": \"billing\", \"order_id\": \"ORD-123456\", \"prio"));

        assertThat(judgement.schemaOk()).isFalse();
        assertThat(judgement.repairs()).isEqualTo(1);
        assertThat(judgement.failures())
                .containsExactly(
                        "repair: closed a truncated object",
                        "schema: $: required property 'priority' not found",
                        "field priority: expected \"high\", got nothing");
    }

    @Test
    void nothingParsedScoresZeroAndKeepsTheRawText() {
        String raw = "I am sorry, I cannot classify this ticket. Write to help@example.com.";

        OutputJudge.Judgement judgement = judge.judge(example, List.of(raw));

        assertThat(judgement)
                .isEqualTo(new OutputJudge.Judgement(
                        raw,
                        false,
                        1,
                        0.0,
                        0.0,
                        0,
                        0.0,
                        List.of("parse: no JSON object in the output", "safety: email")));
    }

    @Test
    void consensusVotesAndALeakInALosingSampleStillCounts() {
        OutputJudge.Judgement judgement = judge.judge(
                example,
                List.of(
                        "{\"category\": \"billing\", \"priority\": \"high\", \"order_id\": \"ORD-123456\"}",
                        "Note: card 4111 1111 1111 1111\n{\"category\": \"account\", \"priority\": \"high\", \"order_id\": \"ORD-123456\"}",
                        "{'category': 'billing', 'priority': 'low', 'order_id': 'ORD-123456'}",
                        "no idea"));

        assertThat(judgement.finalOutput()).isEqualTo(CANONICAL);
        assertThat(judgement.schemaOk()).isTrue();
        assertThat(judgement.accuracy()).isEqualTo(1.0);
        assertThat(judgement.safetyFlags()).isEqualTo(1);
        assertThat(judgement.repairs()).isEqualTo(1);
        // category 2/4, priority 2/4, order_id 3/4
        assertThat(judgement.agreement()).isCloseTo((0.5 + 0.5 + 0.75) / 3, within(1e-12));
        assertThat(judgement.failures())
                .containsExactly(
                        "parse: sample 4: no JSON object in the output",
                        "repair: dropped prose before the JSON object",
                        "repair: converted single quotes to double quotes",
                        "safety: card-number");
    }

    @Test
    void validatorScoresAreAveraged() {
        Validator half = fixed("test.half", new Validator.Verdict(0.5, List.of("half right")));
        Validator full = fixed("test.full", Validator.Verdict.pass());

        OutputJudge.Judgement judgement =
                new OutputJudge(TicketFixtures.task(), List.of(half, full)).judge(example, List.of(EXPECTED));

        assertThat(judgement.validatorScore()).isEqualTo(0.75);
        assertThat(judgement.failures()).containsExactly("test.half: half right");
        assertThat(new OutputJudge(TicketFixtures.task(), List.of())
                        .judge(example, List.of(EXPECTED))
                        .validatorScore())
                .isEqualTo(1.0);
    }

    @Test
    void theValidatorsSeeTheCanonicalOutput() {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Validator recording = new Validator() {
            @Override
            public String id() {
                return "test.recording";
            }

            @Override
            public Verdict validate(Task task, Example example, String outputJson) {
                seen.add(outputJson);
                return Verdict.pass();
            }
        };

        new OutputJudge(TicketFixtures.task(), List.of(recording)).judge(example, List.of("Sure: " + EXPECTED));

        assertThat(seen).containsExactly(CANONICAL);
    }

    @Test
    void badInputsAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> judge.judge(example, List.of()));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> judge.judge(TicketFixtures.example(INPUT, "{oops"), List.of(EXPECTED)))
                .withMessageStartingWith("example t-1: the expected output is not JSON");
    }

    @Test
    void oneJudgeServesManyThreadsWithTheSameResults() {
        List<String> outputs = List.of(EXPECTED, "{\"category\": \"refund\"", "Answer: " + EXPECTED, "nothing");
        List<OutputJudge.Judgement> sequential =
                outputs.stream().map(o -> judge.judge(example, List.of(o))).toList();

        List<OutputJudge.Judgement> parallel = IntStream.range(0, 400)
                .parallel()
                .mapToObj(i -> judge.judge(example, List.of(outputs.get(i % 4))))
                .toList();

        assertThat(IntStream.range(0, 400).mapToObj(i -> parallel.get(i).equals(sequential.get(i % 4))))
                .containsOnly(true);
    }

    private static Validator fixed(String id, Validator.Verdict verdict) {
        return new Validator() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Verdict validate(Task task, Example example, String outputJson) {
                return verdict;
            }
        };
    }
}
