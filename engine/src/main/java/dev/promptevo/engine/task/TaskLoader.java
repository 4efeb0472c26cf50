package dev.promptevo.engine.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.task.Dataset;
import dev.promptevo.api.task.DatasetFormatException;
import dev.promptevo.api.task.Document;
import dev.promptevo.api.task.Gates;
import dev.promptevo.api.task.ScoringWeights;
import dev.promptevo.api.task.Task;
import dev.promptevo.engine.retrieval.MarkdownDocuments;
import dev.promptevo.engine.validation.SchemaCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads a task directory. Its {@code task.json} names the other files relative to the directory:
 *
 * <pre>
 * {
 *   "id": "ticket-triage", "name": "...", "promptTemplate": "... {{input}} ... {{context}}",
 *   "outputSchema": "schema.json", "dataset": "dataset.jsonl", "documents": "docs",
 *   "baseGenome": "base-genome.json",
 *   "gates": {"requireSchemaValid": true, "forbidSafetyFlags": true, "minValidatorScore": 0.9, "minAccuracy": 0.85},
 *   "scoring": {"preset": "budgeted", "latencyBudgetMs": 3000, "tokenBudget": 2000, "costBudgetUsd": 0.005,
 *               "share": 0.1, "perRepair": 0.2},
 *   "safetyPatterns": [{"id": "card-number", "regex": "..."}],
 *   "models": ["sim-small", "sim-medium", "sim-large"],
 *   "rubricPool": ["..."],
 *   "searchSpace": [{"name": "cot", "type": "boolean"}, ...],
 *   "backend": {"id": "simulated", "settings": {"config": "simulator.json"}}
 * }
 * </pre>
 *
 * Only {@code id}, {@code promptTemplate}, {@code outputSchema}, {@code dataset} and {@code
 * baseGenome} are required. Without {@code searchSpace} the seed's space is used over {@code models}.
 * Every error names the file and the field at fault.
 */
public final class TaskLoader {
    public static final String TASK_FILE = "task.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of(
            "id",
            "name",
            "description",
            "promptTemplate",
            "outputSchema",
            "dataset",
            "documents",
            "baseGenome",
            "gates",
            "scoring",
            "safetyPatterns",
            "models",
            "rubricPool",
            "searchSpace",
            "backend");

    private TaskLoader() {}

    public static TaskBundle load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new TaskLoadException(
                    "not a directory: " + directory + " (give the folder that holds " + TASK_FILE + ")");
        }
        Path taskFile = directory.resolve(TASK_FILE);
        if (!Files.isRegularFile(taskFile)) {
            throw new TaskLoadException("no " + TASK_FILE + " in " + directory);
        }
        JsonNode root = readJson(taskFile);
        if (!root.isObject()) {
            throw new TaskLoadException(taskFile + ": expected a JSON object");
        }
        for (var names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new TaskLoadException(taskFile + ": unknown field '" + name + "' (known: "
                        + FIELDS.stream().sorted().toList() + ")");
            }
        }
        String id = requiredText(taskFile, root, "id");
        String template = requiredText(taskFile, root, "promptTemplate");
        if (!template.contains("{{input}}")) {
            throw new TaskLoadException(taskFile + ": 'promptTemplate' must contain {{input}}");
        }
        Path schemaFile = file(directory, taskFile, root, "outputSchema");
        String schema = readText(schemaFile);
        readJson(schemaFile); // a schema that is not JSON fails here, naming its file
        try {
            new SchemaCheck(schema);
        } catch (IllegalArgumentException e) {
            throw new TaskLoadException(schemaFile + ": " + e.getMessage(), e);
        }
        Path datasetFile = file(directory, taskFile, root, "dataset");
        Dataset dataset;
        try {
            dataset = DatasetReader.read(datasetFile);
        } catch (DatasetFormatException e) {
            throw new TaskLoadException("bad dataset line: " + e.getMessage(), e);
        }
        List<Document> documents = List.of();
        if (root.hasNonNull("documents")) {
            Path docs = directory.resolve(root.get("documents").asText());
            if (!Files.isDirectory(docs)) {
                throw new TaskLoadException(taskFile + ": 'documents' names " + docs + ", which is not a directory");
            }
            documents = MarkdownDocuments.load(docs);
        }
        Task task;
        try {
            task = new Task(
                    id,
                    root.path("name").asText(id),
                    template,
                    schema,
                    gates(taskFile, root.get("gates")),
                    scoring(taskFile, root.get("scoring")),
                    documents,
                    safetyPatterns(taskFile, root.get("safetyPatterns")));
        } catch (IllegalArgumentException e) {
            throw new TaskLoadException(taskFile + ": " + e.getMessage(), e);
        }

        Path baseFile = file(directory, taskFile, root, "baseGenome");
        JsonNode baseNode = readJson(baseFile);
        SearchSpace space = searchSpace(taskFile, root, baseNode);
        Genome base;
        try {
            base = GenomeJson.fromNode(baseNode, space);
        } catch (IllegalArgumentException e) {
            throw new TaskLoadException(
                    baseFile + ": the base genome does not fit the search space: " + e.getMessage(), e);
        }
        JsonNode backend = root.path("backend");
        Map<String, String> settings = new LinkedHashMap<>();
        backend.path("settings")
                .fields()
                .forEachRemaining(f -> settings.put(f.getKey(), f.getValue().asText()));
        return new TaskBundle(
                directory, task, dataset, space, base, backend.path("id").asText("simulated"), settings);
    }

    private static SearchSpace searchSpace(Path taskFile, JsonNode root, JsonNode baseNode) {
        Set<String> pool = new LinkedHashSet<>();
        if (baseNode.path("rubric").isTextual()) {
            pool.add(baseNode.get("rubric").asText());
        }
        root.path("rubricPool").forEach(r -> pool.add(r.asText()));
        if (pool.isEmpty()) {
            pool.add("Answer with the JSON object only.");
        }
        try {
            if (!root.hasNonNull("searchSpace")) {
                List<String> models = new ArrayList<>();
                root.path("models").forEach(m -> models.add(m.asText()));
                if (models.isEmpty() && baseNode.path("model_key").isTextual()) {
                    models.add(baseNode.get("model_key").asText());
                }
                return DefaultSearchSpace.of(models, List.copyOf(pool));
            }
            List<Gene> genes = new ArrayList<>();
            for (JsonNode g : root.get("searchSpace")) {
                String name = g.path("name").asText();
                genes.add(
                        switch (g.path("type").asText()) {
                            case "boolean" -> Gene.bool(name);
                            case "integer" ->
                                Gene.integer(
                                        name,
                                        g.path("min").asLong(),
                                        g.path("max").asLong(),
                                        g.path("step").asLong(1));
                            case "real" ->
                                Gene.real(
                                        name,
                                        g.path("min").asDouble(),
                                        g.path("max").asDouble(),
                                        g.path("resolution").asDouble(0.01));
                            case "choice" -> {
                                List<String> options = new ArrayList<>();
                                g.path("options").forEach(o -> options.add(o.asText()));
                                yield Gene.choice(name, options);
                            }
                            case "text" ->
                                Gene.text(
                                        name,
                                        g.path("maxLength").asInt(DefaultSearchSpace.RUBRIC_MAX_LENGTH),
                                        List.copyOf(pool));
                            default ->
                                throw new IllegalArgumentException("gene '" + name + "' has unknown type '"
                                        + g.path("type").asText() + "' (boolean, integer, real, choice, text)");
                        });
            }
            return new SearchSpace(genes);
        } catch (IllegalArgumentException e) {
            throw new TaskLoadException(taskFile + ": searchSpace: " + e.getMessage(), e);
        }
    }

    private static Gates gates(Path taskFile, JsonNode node) {
        if (node == null) {
            return Gates.SEED;
        }
        return new Gates(
                node.path("requireSchemaValid").asBoolean(true),
                node.path("forbidSafetyFlags").asBoolean(true),
                number(taskFile, node, "gates.minValidatorScore", "minValidatorScore", 0.9),
                number(taskFile, node, "gates.minAccuracy", "minAccuracy", 0.85));
    }

    private static ScoringWeights scoring(Path taskFile, JsonNode node) {
        if (node == null) {
            return ScoringWeights.budgeted(3000, 2000, 0.005, 0.1, 0.2);
        }
        String preset = node.path("preset").asText("budgeted");
        return switch (preset) {
            case "seed" -> ScoringWeights.SEED;
            case "budgeted" ->
                ScoringWeights.budgeted(
                        number(taskFile, node, "scoring.latencyBudgetMs", "latencyBudgetMs", 3000),
                        number(taskFile, node, "scoring.tokenBudget", "tokenBudget", 2000),
                        number(taskFile, node, "scoring.costBudgetUsd", "costBudgetUsd", 0.005),
                        number(taskFile, node, "scoring.share", "share", 0.1),
                        number(taskFile, node, "scoring.perRepair", "perRepair", 0.2));
            case "custom" ->
                new ScoringWeights(
                        "custom",
                        number(taskFile, node, "scoring.perLatencyMs", "perLatencyMs", 0),
                        number(taskFile, node, "scoring.perToken", "perToken", 0),
                        number(taskFile, node, "scoring.perUsd", "perUsd", 0),
                        number(taskFile, node, "scoring.perRepair", "perRepair", 0));
            default ->
                throw new TaskLoadException(
                        taskFile + ": scoring.preset must be 'budgeted', 'seed' or 'custom', got '" + preset + "'");
        };
    }

    private static List<Task.SafetyPattern> safetyPatterns(Path taskFile, JsonNode node) {
        List<Task.SafetyPattern> patterns = new ArrayList<>();
        if (node == null) {
            return patterns;
        }
        for (JsonNode p : node) {
            try {
                patterns.add(new Task.SafetyPattern(
                        p.path("id").asText(), p.path("regex").asText()));
            } catch (RuntimeException e) {
                throw new TaskLoadException(
                        taskFile + ": safetyPatterns '" + p.path("id").asText() + "': " + e.getMessage(), e);
            }
        }
        return patterns;
    }

    private static double number(Path taskFile, JsonNode node, String path, String field, double fallback) {
        JsonNode value = node.get(field);
        if (value == null) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw new TaskLoadException(taskFile + ": '" + path + "' must be a number, got " + value);
        }
        return value.asDouble();
    }

    private static String requiredText(Path taskFile, JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new TaskLoadException(taskFile + ": missing or empty string field '" + field + "'");
        }
        return value.asText();
    }

    private static Path file(Path directory, Path taskFile, JsonNode root, String field) {
        Path file = directory.resolve(requiredText(taskFile, root, field));
        if (!Files.isRegularFile(file)) {
            throw new TaskLoadException(taskFile + ": '" + field + "' names " + file + ", which does not exist");
        }
        return file;
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(readText(file));
        } catch (JsonProcessingException e) {
            throw new TaskLoadException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TaskLoadException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
