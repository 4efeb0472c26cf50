package dev.promptevo.engine.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Field-wise majority vote over consensus samples (self-consistency, Wang et al. 2023, applied per
 * field of a structured output rather than to a single final answer).
 *
 * <p>Only JSON objects vote; other entries (a sample that did not parse, given as {@code null} or a
 * {@link MissingNode}) cast no vote but still count in the agreement's denominator, so a sample that
 * failed lowers the agreement. For each top-level field, in order of first appearance, the value
 * with the most votes wins; a sample without the field votes for its absence, and when absence wins
 * the field is left out. Ties go to the value that appeared first (lowest sample index), so the
 * vote is deterministic. Values compare as JSON, numbers by value.
 */
public final class ConsensusVote {
    private ConsensusVote() {}

    /**
     * @param winner the voted object; a {@link MissingNode} when no sample was an object
     * @param agreement mean over the fields of (votes for the winning value / number of outputs), in
     *     [0, 1]; with no field at all, the share of outputs that were objects
     */
    public record Vote(JsonNode winner, double agreement) {
        public Vote {
            Objects.requireNonNull(winner, "winner");
            if (!(agreement >= 0 && agreement <= 1)) {
                throw new IllegalArgumentException("agreement must be in [0, 1], got " + agreement);
            }
        }
    }

    public static Vote vote(List<JsonNode> outputs) {
        List<JsonNode> voters = outputs.stream()
                .filter(output -> output != null && output.isObject())
                .toList();
        if (voters.isEmpty()) {
            return new Vote(MissingNode.getInstance(), 0.0);
        }
        Set<String> fields = new LinkedHashSet<>();
        voters.forEach(voter -> voter.fieldNames().forEachRemaining(fields::add));
        if (fields.isEmpty()) {
            return new Vote(Jsons.MAPPER.createObjectNode(), (double) voters.size() / outputs.size());
        }
        ObjectNode winner = Jsons.MAPPER.createObjectNode();
        double agreementSum = 0;
        for (String field : fields) {
            Map.Entry<JsonNode, Integer> best = majority(voters, field);
            if (!best.getKey().isMissingNode()) {
                winner.set(field, best.getKey());
            }
            agreementSum += (double) best.getValue() / outputs.size();
        }
        return new Vote(winner, agreementSum / fields.size());
    }

    /** The value of {@code field} with the most votes (absence as a missing node) and its votes. */
    private static Map.Entry<JsonNode, Integer> majority(List<JsonNode> voters, String field) {
        List<JsonNode> values = new ArrayList<>();
        List<Integer> votes = new ArrayList<>();
        for (JsonNode voter : voters) {
            JsonNode value = voter.path(field);
            int seen = indexOf(values, value);
            if (seen < 0) {
                values.add(value);
                votes.add(1);
            } else {
                votes.set(seen, votes.get(seen) + 1);
            }
        }
        int best = 0;
        for (int i = 1; i < values.size(); i++) {
            if (votes.get(i) > votes.get(best)) {
                best = i;
            }
        }
        return Map.entry(values.get(best), votes.get(best));
    }

    private static int indexOf(List<JsonNode> values, JsonNode value) {
        for (int i = 0; i < values.size(); i++) {
            if (Jsons.equivalent(values.get(i), value)) {
                return i;
            }
        }
        return -1;
    }
}
