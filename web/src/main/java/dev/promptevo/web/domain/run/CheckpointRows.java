package dev.promptevo.web.domain.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.promptevo.api.eval.Evaluation;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.engine.evolution.Candidate;
import dev.promptevo.engine.evolution.Checkpoint;
import dev.promptevo.engine.evolution.CheckpointJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's {@link Checkpoint} in two kinds of rows: the state (the engine's checkpoint JSON
 * without the evaluations, small, replaced every generation) and each candidate's evaluations (large,
 * written once, when the candidate completes). Rewriting every evaluation of the run after every
 * generation would grow with the square of the run's length; this way each is written once.
 */
public final class CheckpointRows {
    private static final String GENOME_ID = "genomeId";
    private static final String EVALUATIONS = "evaluations";
    /** Lenient, as the engine's checkpoint reader is: records serialize derived values it ignores. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final TypeReference<List<Evaluation>> EVALUATION_LIST = new TypeReference<>() {};

    private CheckpointRows() {}

    /**
     * The rows for one completed generation.
     *
     * @param state the checkpoint without evaluations
     * @param completed the evaluations of the candidates completed in this generation, by genome id
     */
    public record Split(String state, Map<String, String> completed) {
        public Split {
            completed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(completed));
        }
    }

    /** Splits {@code checkpoint}; the evaluations of {@code completedNow} (each archived in it) become rows. */
    public static Split split(Checkpoint checkpoint, Collection<Candidate> completedNow) {
        Map<String, List<Evaluation>> fresh = new LinkedHashMap<>();
        for (Candidate candidate : completedNow) {
            List<Evaluation> evaluations = checkpoint.evaluations().get(candidate.id());
            if (evaluations == null) {
                throw new IllegalArgumentException(
                        "candidate " + candidate.id() + " has no evaluations in the checkpoint");
            }
            fresh.put(candidate.id(), evaluations);
        }
        ObjectNode root = CheckpointJson.toNode(new Checkpoint(
                checkpoint.seed(),
                checkpoint.completedGeneration(),
                checkpoint.populationIds(),
                checkpoint.archive(),
                fresh,
                checkpoint.rejected(),
                checkpoint.operatorStats(),
                checkpoint.bestSoFar(),
                checkpoint.stagnant(),
                checkpoint.reports(),
                checkpoint.spent(),
                checkpoint.stopped()));
        Map<String, String> rows = new LinkedHashMap<>();
        List<Candidate> archive = checkpoint.archive();
        for (int i = 0; i < archive.size(); i++) {
            ObjectNode node = (ObjectNode) root.path("archive").get(i);
            String id = archive.get(i).id();
            node.put(GENOME_ID, id);
            JsonNode evaluations = node.remove(EVALUATIONS);
            if (fresh.containsKey(id)) {
                rows.put(id, write(evaluations));
            }
        }
        return new Split(write(root), rows);
    }

    /**
     * The checkpoint again, from its state and the evaluations of every candidate it archives.
     *
     * @throws IllegalStateException when a candidate's evaluations are missing
     */
    public static Checkpoint join(String state, Map<String, String> evaluationsByGenome, SearchSpace space) {
        JsonNode root = read(state);
        for (JsonNode node : root.path("archive")) {
            String id = node.path(GENOME_ID).asText();
            String evaluations = evaluationsByGenome.get(id);
            if (evaluations == null) {
                throw new IllegalStateException("the checkpoint's candidate " + id + " has no stored evaluations");
            }
            ((ObjectNode) node).set(EVALUATIONS, read(evaluations));
        }
        return CheckpointJson.fromNode(root, space);
    }

    /** A stored evaluations array, read back. */
    public static List<Evaluation> evaluations(String json) {
        try {
            return new ArrayList<>(JSON.readValue(json, EVALUATION_LIST));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored evaluations are not readable: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored checkpoint is not readable: " + e.getOriginalMessage(), e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a checkpoint: " + e.getOriginalMessage(), e);
        }
    }
}
