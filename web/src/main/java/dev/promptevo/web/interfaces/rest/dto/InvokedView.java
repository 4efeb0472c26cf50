package dev.promptevo.web.interfaces.rest.dto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.promptevo.api.eval.ExecutionMetrics;
import dev.promptevo.web.application.Deployments;
import dev.promptevo.web.domain.JsonText;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an invocation returned.
 *
 * @param output the output as JSON when it parsed (after repairs), else the raw text as a string
 * @param reward the reward given from the validators ({@code autoReward}), or null
 * @param pausedByGuardrail the guardrail's reason when this output's gate failure paused the arm
 */
public record InvokedView(
        String decisionId,
        int armPosition,
        String genomeId,

        @Schema(
                type = SchemaType.OBJECT,
                description = "the output as JSON when it parses, else its text as a JSON string")
        JsonNode output,

        ValidationView validation,
        Double reward,
        String pausedByGuardrail) {

    /**
     * How the output was judged.
     *
     * @param accuracy against the expected output, when the input is a known example of the deployment's
     *     dataset; null otherwise
     * @param gatesPassed schema ok, no safety flag, validator score at or above the task's floor
     */
    public record ValidationView(
            boolean schemaOk,
            int safetyFlags,
            double validatorScore,
            Double accuracy,
            int repairs,
            boolean gatesPassed,
            double latencyMs,
            long tokens,
            double costUsd,
            List<String> failures) {}

    public static InvokedView of(Deployments.Invoked invoked) {
        ExecutionMetrics m = invoked.evaluation().metrics();
        String text = invoked.evaluation().output();
        JsonNode output;
        try {
            output = m.schemaOk() || text.startsWith("{") ? JsonText.tree(text) : TextNode.valueOf(text);
        } catch (RuntimeException e) {
            output = TextNode.valueOf(text);
        }
        return new InvokedView(
                invoked.routed().decisionId(),
                invoked.routed().arm().position(),
                invoked.routed().arm().genomeId(),
                output,
                new ValidationView(
                        m.schemaOk(),
                        m.safetyFlags(),
                        m.validatorScore(),
                        invoked.knownInput() ? m.accuracy() : null,
                        m.repairs(),
                        invoked.gatesPassed(),
                        m.latencyMs(),
                        m.tokensTotal(),
                        m.costUsd(),
                        invoked.evaluation().failures()),
                invoked.reward().orElse(null),
                invoked.pausedByGuardrail().map(p -> p.reason()).orElse(null));
    }
}
