package dev.promptevo.web.interfaces.rest.dto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptevo.web.application.Deployments;

/**
 * A routed decision: the id to reward it by and the genome to call the model with.
 *
 * @param decisionId signed; give it to {@code POST /api/decisions/{decisionId}/reward}
 */
public record RoutedView(String decisionId, int armPosition, String genomeId, ObjectNode genome) {
    public static RoutedView of(Deployments.Routed routed) {
        return new RoutedView(
                routed.decisionId(),
                routed.arm().position(),
                routed.arm().genomeId(),
                routed.arm().genome());
    }
}
