package dev.promptevo.engine.evolution;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.promptevo.api.eval.Evaluation;
import dev.promptevo.api.eval.MetricsSummary;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.engine.execution.Spend;
import dev.promptevo.engine.task.GenomeJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checkpoints as JSON files. A file is written to a temporary sibling and moved into place, so a
 * crash mid-write leaves the previous checkpoint intact. Genomes are read back through the search
 * space, so a checkpoint of another space is refused with the genes at fault.
 */
public final class CheckpointJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final int FORMAT = 1;

    private CheckpointJson() {}

    public static void write(Checkpoint checkpoint, Path file) {
        try {
            Path target = file.toAbsolutePath();
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".checkpoint-", ".json");
            JSON.writeValue(tmp.toFile(), toNode(checkpoint));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    public static Checkpoint read(Path file, SearchSpace space) {
        try {
            return fromNode(JSON.readTree(file.toFile()), space);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    public static ObjectNode toNode(Checkpoint c) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("seed", c.seed());
        root.put("completedGeneration", c.completedGeneration());
        root.set("populationIds", JSON.valueToTree(c.populationIds()));
        ArrayNode archive = root.putArray("archive");
        for (Candidate candidate : c.archive()) {
            ObjectNode node = archive.addObject();
            node.set("genome", GenomeJson.toNode(candidate.genome()));
            node.put("generation", candidate.generation());
            node.set("parentIds", JSON.valueToTree(candidate.parentIds()));
            node.put("operator", candidate.operator());
            node.set("summary", JSON.valueToTree(candidate.summary()));
            node.set("evaluations", JSON.valueToTree(c.evaluations().get(candidate.id())));
        }
        root.set("rejected", JSON.valueToTree(c.rejected().stream().sorted().toList()));
        root.set("operatorStats", JSON.valueToTree(c.operatorStats()));
        root.put("bestSoFar", c.bestSoFar());
        root.put("stagnant", c.stagnant());
        root.set("reports", JSON.valueToTree(c.reports()));
        root.set("spent", JSON.valueToTree(c.spent()));
        c.stopped().ifPresent(stop -> root.put("stopped", stop.name()));
        return root;
    }

    public static Checkpoint fromNode(JsonNode root, SearchSpace space) {
        if (root.path("format").asInt() != FORMAT) {
            throw new IllegalArgumentException("unsupported checkpoint format " + root.path("format"));
        }
        List<Candidate> archive = new ArrayList<>();
        Map<String, List<Evaluation>> evaluations = new LinkedHashMap<>();
        for (JsonNode node : root.path("archive")) {
            Candidate candidate = new Candidate(
                    GenomeJson.fromNode(node.get("genome"), space),
                    node.path("generation").asInt(),
                    convert(node.get("parentIds"), new TypeReference<List<String>>() {}),
                    node.path("operator").asText(),
                    convert(node.get("summary"), new TypeReference<MetricsSummary>() {}));
            archive.add(candidate);
            evaluations.put(candidate.id(), convert(node.get("evaluations"), new TypeReference<List<Evaluation>>() {}));
        }
        Set<String> rejected = new HashSet<>(convert(root.get("rejected"), new TypeReference<List<String>>() {}));
        return new Checkpoint(
                root.path("seed").asLong(),
                root.path("completedGeneration").asInt(),
                convert(root.get("populationIds"), new TypeReference<List<String>>() {}),
                archive,
                evaluations,
                rejected,
                convert(root.get("operatorStats"), new TypeReference<List<OperatorStats>>() {}),
                root.path("bestSoFar").asDouble(),
                root.path("stagnant").asInt(),
                convert(root.get("reports"), new TypeReference<List<GenerationReport>>() {}),
                convert(root.get("spent"), new TypeReference<Spend>() {}),
                root.hasNonNull("stopped")
                        ? Optional.of(StopReason.valueOf(root.get("stopped").asText()))
                        : Optional.empty());
    }

    private static <T> T convert(JsonNode node, TypeReference<T> type) {
        return JSON.convertValue(node, type);
    }
}
