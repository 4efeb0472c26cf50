package dev.promptevo.engine.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptevo.api.eval.Validator;
import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ChatMessage;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse;
import dev.promptevo.api.task.Example;
import dev.promptevo.api.task.Task;
import dev.promptevo.engine.execution.BudgetExhaustedException;
import dev.promptevo.engine.execution.ScorerUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * LLM-as-judge: asks a judge model to grade an output against the task, the input and the expected
 * answer with a rubric, and turns its grade (0 to 10) into a validator score in [0, 1].
 *
 * <p>The judge is called through the run's budgeted backend, so its calls count in the budget. A
 * call that fails or is refused throws {@link ScorerUnavailableException} (the evaluation is then
 * incomplete, not scored 0); an answer without a readable grade scores 0 with the answer as reason,
 * since a judge that cannot follow its format is itself a finding. Calls are seeded from the example
 * and the output, at temperature 0, so a judgement replays.
 */
public final class LlmJudge implements Validator {
    public static final String ID = "validator.llm-judge";
    public static final String PURPOSE = "judge";
    public static final String DEFAULT_RUBRIC = """
            Grade how well the OUTPUT does the TASK for the INPUT. The EXPECTED answer is a reference: an \
            output that means the same is fully correct; wrong fields, invented facts, unsafe content or \
            ignoring the instructions lower the grade. Reply with the JSON object only: \
            {"score": <integer 0 to 10>, "reason": "<one sentence>"}.""";

    private final ModelBackend backend;
    private final String model;
    private final String rubric;

    public LlmJudge(ModelBackend backend, String model, String rubric) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.model = Objects.requireNonNull(model, "model");
        this.rubric = Objects.requireNonNull(rubric, "rubric");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Verdict validate(Task task, Example example, String outputJson) {
        String user = "TASK: " + task.name() + "\n\nINPUT:\n" + example.input() + "\n\nEXPECTED:\n"
                + example.expectedJson() + "\n\nOUTPUT:\n" + outputJson;
        ModelRequest request = new ModelRequest(
                model,
                List.of(ChatMessage.system(rubric), ChatMessage.user(user)),
                0.0,
                200,
                OptionalLong.of(((long) example.id().hashCode() << 32) ^ outputJson.hashCode()),
                true,
                Map.of(ModelRequest.PURPOSE, PURPOSE, ModelRequest.EXAMPLE_ID, example.id()));
        ModelResponse response;
        try {
            response = backend.complete(request);
        } catch (BackendException e) {
            throw new ScorerUnavailableException(
                    "the judge " + model + " could not grade: " + e.getMessage(),
                    e instanceof BudgetExhaustedException,
                    e.costUsd(),
                    e);
        }
        return grade(response.text());
    }

    /** Reads {@code {"score": n, "reason": "..."}} (repairing what the output repair step can). */
    static Verdict grade(String answer) {
        var parsed = JsonRepair.parse(answer);
        JsonNode score = parsed.json().map(json -> json.get("score")).orElse(null);
        if (score == null || !score.isNumber() || !(score.asDouble() >= 0 && score.asDouble() <= 10)) {
            String shown = answer.length() > 200 ? answer.substring(0, 200) + "..." : answer;
            return new Verdict(0.0, List.of("the judge gave no grade from 0 to 10: " + shown.strip()));
        }
        double value = score.asDouble() / 10.0;
        String reason =
                parsed.json().map(json -> json.path("reason").asText("")).orElse("");
        return new Verdict(value, value < 1.0 && !reason.isBlank() ? List.of(reason) : List.of());
    }
}
