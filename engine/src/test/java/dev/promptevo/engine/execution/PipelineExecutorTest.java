package dev.promptevo.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.promptevo.api.eval.Evaluation;
import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelPrice;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse;
import dev.promptevo.api.model.TokenUsage;
import dev.promptevo.api.task.Example;
import dev.promptevo.api.task.Task;
import dev.promptevo.engine.validation.LlmJudge;
import dev.promptevo.engine.validation.OutputJudge;
import dev.promptevo.engine.validation.TicketFixtures;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PipelineExecutorTest {
    private static final Task TASK = TicketFixtures.task();
    private static final Example EXAMPLE = TicketFixtures.example(
            "I was charged twice for ORD-123456",
            "{\"category\":\"billing\",\"priority\":\"high\",\"order_id\":\"ORD-123456\"}");

    /** Answers from a function of the request, with a latency and price per model; records requests. */
    static final class ScriptedBackend implements ModelBackend {
        final List<ModelRequest> requests = new CopyOnWriteArrayList<>();
        final Function<ModelRequest, String> answer;

        ScriptedBackend(Function<ModelRequest, String> answer) {
            this.answer = answer;
        }

        @Override
        public String id() {
            return "scripted";
        }

        @Override
        public ModelResponse complete(ModelRequest request) throws BackendException {
            requests.add(request);
            double latency = switch (request.model()) {
                case "m1" -> 100;
                case "m2" -> 300;
                default -> 200;
            };
            return new ModelResponse(
                    answer.apply(request), new TokenUsage(50, 10), latency, ModelResponse.FinishReason.STOP, 0.001);
        }

        @Override
        public Optional<ModelPrice> price(String model) {
            return Optional.of(new ModelPrice(1, 1));
        }
    }

    private static Genome genome(boolean consensus) {
        return Genome.of(Map.of(
                "rubric", Allele.of("Answer with the JSON object only."),
                "cot", Allele.of(false),
                "temperature", Allele.of(0.0),
                "max_tokens", Allele.of(128L),
                "retriever_topk", Allele.of(0L),
                "use_consensus", Allele.of(consensus),
                "model_key", Allele.of("m3")));
    }

    private static PipelineExecutor executor(
            ModelBackend backend,
            PipelineExecutor.Consensus consensus,
            List<dev.promptevo.api.eval.Validator> validators) {
        return new PipelineExecutor(
                backend, new PromptAssembler(TASK, Optional.empty()), new OutputJudge(TASK, validators), consensus, 0);
    }

    @Test
    void aConsensusPanelAsksEachModelOnceAndVotesPerField() throws InterruptedException {
        ScriptedBackend backend = new ScriptedBackend(request -> switch (request.model()) {
            case "m2" -> "{\"category\":\"billing\",\"priority\":\"low\",\"order_id\":\"ORD-123456\"}";
            default -> "{\"category\":\"billing\",\"priority\":\"high\",\"order_id\":\"ORD-123456\"}";
        });
        Evaluation e = executor(backend, PipelineExecutor.Consensus.panel(List.of("m1", "m2", "m3")), List.of())
                .execute(genome(true), EXAMPLE, 0);
        assertThat(backend.requests).extracting(ModelRequest::model).containsExactly("m1", "m2", "m3");
        assertThat(e.metrics().accuracy()).isEqualTo(1.0);
        assertThat(e.metrics().latencyMs()).as("the slowest call").isEqualTo(300);
        assertThat(e.metrics().costUsd()).as("the sum of the calls").isCloseTo(0.003, within(1e-12));
        assertThat(e.metrics().tokensTotal()).isEqualTo(180);
        assertThat(e.agreement().getAsDouble())
                .as("priority 2 of 3, the others 3 of 3")
                .isCloseTo((1 + 2 / 3.0 + 1) / 3, within(1e-12));
    }

    @Test
    void consensusSamplesUseTheGenomesModelWithDistinctSeeds() throws InterruptedException {
        ScriptedBackend backend = new ScriptedBackend(request -> EXAMPLE.expectedJson());
        Evaluation single = executor(backend, PipelineExecutor.Consensus.samples(3), List.of())
                .execute(genome(false), EXAMPLE, 0);
        assertThat(single.agreement()).isEmpty();
        assertThat(backend.requests).hasSize(1);
        backend.requests.clear();
        executor(backend, PipelineExecutor.Consensus.samples(3), List.of()).execute(genome(true), EXAMPLE, 0);
        assertThat(backend.requests).extracting(ModelRequest::model).containsOnly("m3");
        assertThat(backend.requests)
                .extracting(r -> r.seed().getAsLong())
                .doesNotHaveDuplicates()
                .hasSize(3);
    }

    @Test
    void anLlmJudgeGradesTheOutputAndItsCallsCountInTheBudget() throws InterruptedException {
        ScriptedBackend raw = new ScriptedBackend(request -> request.purpose().equals(LlmJudge.PURPOSE)
                ? "{\"score\": 7, \"reason\": \"priority is debatable\"}"
                : EXAMPLE.expectedJson());
        SpendLedger ledger = new SpendLedger(Budget.UNLIMITED, Clock.systemUTC());
        BudgetedBackend backend = new BudgetedBackend(raw, ledger);
        Evaluation e = executor(
                        backend,
                        PipelineExecutor.Consensus.samples(3),
                        List.of(new LlmJudge(backend, "judge-model", LlmJudge.DEFAULT_RUBRIC)))
                .execute(genome(false), EXAMPLE, 0);
        assertThat(e.metrics().validatorScore()).isCloseTo(0.7, within(1e-12));
        assertThat(e.failures()).contains("validator.llm-judge: priority is debatable");
        assertThat(ledger.snapshot().calls())
                .as("the task call and the judge call")
                .isEqualTo(2);
        ModelRequest judgeCall = raw.requests.get(1);
        assertThat(judgeCall.model()).isEqualTo("judge-model");
        assertThat(judgeCall.messages().get(1).content()).contains(EXAMPLE.input(), EXAMPLE.expectedJson());
    }

    @Test
    void aJudgeRefusedByTheBudgetLeavesTheEvaluationIncompleteNotZero() throws InterruptedException {
        ScriptedBackend raw = new ScriptedBackend(request -> EXAMPLE.expectedJson());
        SpendLedger ledger = new SpendLedger(Budget.UNLIMITED.withMaxCalls(1), Clock.systemUTC());
        BudgetedBackend backend = new BudgetedBackend(raw, ledger);
        Evaluation e = executor(
                        backend,
                        PipelineExecutor.Consensus.samples(3),
                        List.of(new LlmJudge(backend, "judge-model", LlmJudge.DEFAULT_RUBRIC)))
                .execute(genome(false), EXAMPLE, 0);
        assertThat(e.error()).get().asString().startsWith("budget: the judge judge-model could not grade");
        assertThat(e.metrics().costUsd()).as("the task call still cost").isCloseTo(0.001, within(1e-12));
    }

    @Test
    void anUnreadableGradeScoresZeroWithTheAnswerAsReason() throws InterruptedException {
        ScriptedBackend raw = new ScriptedBackend(
                request -> request.purpose().equals(LlmJudge.PURPOSE) ? "Looks fine to me!" : EXAMPLE.expectedJson());
        Evaluation e = executor(
                        raw,
                        PipelineExecutor.Consensus.samples(3),
                        List.of(new LlmJudge(raw, "judge-model", LlmJudge.DEFAULT_RUBRIC)))
                .execute(genome(false), EXAMPLE, 0);
        assertThat(e.metrics().validatorScore()).isZero();
        assertThat(e.failures()).anySatisfy(f -> assertThat(f).contains("no grade from 0 to 10: Looks fine to me!"));
    }
}
