package dev.promptevo.engine.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.promptevo.api.eval.Validator;
import dev.promptevo.api.task.Example;
import dev.promptevo.api.task.Task;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The whole judgement of one example's output, built once per task and shared by every evaluation.
 *
 * <p>Each raw output is parsed and repaired ({@link JsonRepair}) and scanned for safety patterns
 * ({@link SafetyScanner}); under consensus the parsed samples are merged field by field ({@link
 * ConsensusVote}). The resulting object is checked against the task's schema ({@link SchemaCheck}),
 * scored against the expected output ({@link FieldAccuracy}) and passed to the task's validators.
 *
 * <p>Immutable and thread-safe, provided the validators are (as {@link Validator} requires).
 */
public final class OutputJudge {
    private final Task task;
    private final List<Validator> validators;
    private final SchemaCheck schema;
    private final SafetyScanner safety;

    /**
     * @throws IllegalArgumentException when the task's output schema is not a valid JSON Schema
     */
    public OutputJudge(Task task, List<Validator> validators) {
        this.task = Objects.requireNonNull(task, "task");
        this.validators = List.copyOf(validators);
        this.schema = new SchemaCheck(task.outputSchemaJson());
        this.safety = new SafetyScanner(task.safetyPatterns());
    }

    /**
     * What was judged.
     *
     * @param finalOutput the final object as canonical JSON, or the first raw output when nothing
     *     parsed
     * @param schemaOk an object was recovered and it matches the schema
     * @param safetyFlags how many distinct safety patterns any of the raw outputs matched
     * @param validatorScore the mean of the validators' scores; 1 with no validator, 0 when nothing
     *     parsed
     * @param accuracy {@link FieldAccuracy} against the expected output; 0 when nothing parsed
     * @param repairs the most repairs any one sample needed
     * @param agreement the consensus agreement ({@link ConsensusVote.Vote#agreement()}): 1 for a
     *     single parsed output, 0 when nothing parsed
     * @param failures every reason the output fell short, in this order: {@code parse: ...}, {@code
     *     repair: ...}, {@code schema: ...}, {@code safety: <pattern id>}, the field mismatches, and
     *     {@code <validator id>: <reason>}
     */
    public record Judgement(
            String finalOutput,
            boolean schemaOk,
            int safetyFlags,
            double validatorScore,
            double accuracy,
            int repairs,
            double agreement,
            List<String> failures) {

        public Judgement {
            Objects.requireNonNull(finalOutput, "finalOutput");
            failures = List.copyOf(failures);
        }
    }

    /**
     * Judges the outputs produced for one example.
     *
     * @param rawOutputs one output, or the samples of a consensus call
     * @throws IllegalArgumentException when there is no output, or the example's expected output is
     *     not JSON
     */
    public Judgement judge(Example example, List<String> rawOutputs) {
        List<String> raws = List.copyOf(rawOutputs);
        if (raws.isEmpty()) {
            throw new IllegalArgumentException("no output to judge for example " + example.id());
        }
        JsonNode expected = expected(example);
        List<ParsedOutput> parsed = raws.stream().map(JsonRepair::parse).toList();

        List<String> failures = new ArrayList<>();
        Set<String> repairsApplied = new LinkedHashSet<>();
        int repairs = 0;
        for (int i = 0; i < parsed.size(); i++) {
            ParsedOutput sample = parsed.get(i);
            String which = raws.size() > 1 ? "sample " + (i + 1) + ": " : "";
            sample.parseError().ifPresent(error -> failures.add("parse: " + which + error));
            repairsApplied.addAll(sample.repairsApplied());
            repairs = Math.max(repairs, sample.repairs());
        }
        repairsApplied.forEach(repair -> failures.add("repair: " + repair));

        Set<String> flags = new LinkedHashSet<>();
        raws.forEach(raw -> flags.addAll(safety.flags(raw)));

        ConsensusVote.Vote vote = ConsensusVote.vote(parsed.stream()
                .map(sample -> sample.json().orElse(MissingNode.getInstance()))
                .toList());
        if (vote.winner().isMissingNode()) {
            flags.forEach(id -> failures.add("safety: " + id));
            return new Judgement(raws.get(0), false, flags.size(), 0.0, 0.0, repairs, 0.0, failures);
        }
        JsonNode answer = vote.winner();
        String finalOutput = Jsons.canonical(answer);

        List<String> violations = schema.violations(answer);
        violations.forEach(violation -> failures.add("schema: " + violation));
        flags.forEach(id -> failures.add("safety: " + id));
        FieldAccuracy.Result accuracy = FieldAccuracy.score(expected, answer);
        failures.addAll(accuracy.mismatches());

        double validatorScore = 1.0;
        if (!validators.isEmpty()) {
            double sum = 0;
            for (Validator validator : validators) {
                Validator.Verdict verdict = validator.validate(task, example, finalOutput);
                sum += verdict.score();
                verdict.reasons().forEach(reason -> failures.add(validator.id() + ": " + reason));
            }
            validatorScore = sum / validators.size();
        }
        return new Judgement(
                finalOutput,
                violations.isEmpty(),
                flags.size(),
                validatorScore,
                accuracy.accuracy(),
                repairs,
                vote.agreement(),
                failures);
    }

    private static JsonNode expected(Example example) {
        try {
            return Jsons.MAPPER.readTree(example.expectedJson());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "example " + example.id() + ": the expected output is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
