package dev.promptevo.web.domain.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.task.Document;
import dev.promptevo.api.task.Gates;
import dev.promptevo.api.task.ScoringWeights;
import dev.promptevo.api.task.Task;
import dev.promptevo.engine.task.DefaultSearchSpace;
import dev.promptevo.engine.task.GenomeJson;
import dev.promptevo.engine.validation.SchemaCheck;
import dev.promptevo.web.domain.InvalidInputException;
import dev.promptevo.web.domain.JsonInput;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * A task as a client defines it over HTTP: the content of a task directory's {@code task.json} with
 * the output schema, the base genome and the reference documents inline, and without the dataset
 * (datasets are uploaded on their own and chosen per run).
 *
 * <pre>
 * {"name": "...", "promptTemplate": "... {{input}} ...", "outputSchema": {...}, "baseGenome": {...},
 *  "description": "...", "gates": {...}, "scoring": {...}, "safetyPatterns": [{"id": "...", "regex": "..."}],
 *  "models": ["..."], "rubricPool": ["..."], "searchSpace": [{"name": "cot", "type": "boolean"}, ...],
 *  "documents": [{"id": "policy#1", "title": "...", "text": "..."}], "backend": {"id": "simulated"}}
 * </pre>
 *
 * The meaning of every field is that of the engine's {@code TaskLoader}; the defaults too. Backend
 * settings are not accepted: they come from server configuration only ({@code
 * promptevo.backends.<id>.*}), so no client can point the server at a URL or a file of its choosing.
 *
 * <p>Immutable; {@link #parse} reports every violation at once, each naming its field.
 */
public final class TaskDefinition {
    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 4000;
    public static final int MAX_TEMPLATE = 100_000;
    public static final String DEFAULT_BACKEND = "simulated";

    private static final Set<String> FIELDS = Set.of(
            "name",
            "description",
            "promptTemplate",
            "outputSchema",
            "baseGenome",
            "gates",
            "scoring",
            "safetyPatterns",
            "models",
            "rubricPool",
            "searchSpace",
            "documents",
            "backend");
    private static final Map<String, String> FILE_FIELDS = Map.of(
            "id", "the server assigns task ids; give a 'name'",
            "dataset", "datasets are uploaded with POST /api/datasets and chosen per run");

    private final ObjectNode json;
    private final String name;
    private final Optional<String> description;
    private final String promptTemplate;
    private final String outputSchemaJson;
    private final Gates gates;
    private final ScoringWeights weights;
    private final List<Document> documents;
    private final List<Task.SafetyPattern> safetyPatterns;
    private final SearchSpace space;
    private final Genome baseGenome;
    private final String backendId;

    private TaskDefinition(Builder b) {
        this.json = b.json.deepCopy();
        this.name = b.name;
        this.description = b.description;
        this.promptTemplate = b.promptTemplate;
        this.outputSchemaJson = b.outputSchemaJson;
        this.gates = b.gates;
        this.weights = b.weights;
        this.documents = List.copyOf(b.documents);
        this.safetyPatterns = List.copyOf(b.safetyPatterns);
        this.space = b.space;
        this.baseGenome = b.baseGenome;
        this.backendId = b.backendId;
    }

    /**
     * Checks a definition and compiles what the engine needs from it.
     *
     * @throws InvalidInputException naming every field at fault
     */
    public static TaskDefinition parse(JsonNode root) {
        JsonInput in = new JsonInput();
        if (!in.object(root, "")) {
            in.throwIfInvalid();
        }
        for (var names = root.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (FILE_FIELDS.containsKey(field)) {
                in.add(field, "not accepted here: " + FILE_FIELDS.get(field));
            } else if ("documents".equals(field) && root.get(field).isTextual()) {
                in.add(field, "give the documents inline as [{\"id\", \"title\", \"text\"}], not a folder name");
            } else if (!FIELDS.contains(field)) {
                in.add(
                        field,
                        "unknown field (known: " + FIELDS.stream().sorted().toList() + ")");
            }
        }
        Builder b = new Builder();
        b.json = (ObjectNode) root;
        b.name = in.text(root, "", "name", true, MAX_NAME).orElse(null);
        b.description = in.text(root, "", "description", false, MAX_DESCRIPTION);
        b.promptTemplate =
                in.text(root, "", "promptTemplate", true, MAX_TEMPLATE).orElse(null);
        if (b.promptTemplate != null && !b.promptTemplate.contains("{{input}}")) {
            in.add("promptTemplate", "must contain the placeholder {{input}}");
        }
        b.outputSchemaJson = outputSchema(in, root.get("outputSchema"));
        b.gates = gates(in, root.get("gates"));
        b.weights = scoring(in, root.get("scoring"));
        b.safetyPatterns = safetyPatterns(in, root);
        b.documents = documents(in, root);
        b.backendId = backend(in, root.get("backend"));
        JsonNode base = root.get("baseGenome");
        if (base == null || base.isNull()) {
            in.add("baseGenome", "is required (the genome the team runs today, as a JSON object)");
        } else if (in.object(base, "baseGenome")) {
            b.space = searchSpace(in, root, base);
            if (b.space != null) {
                try {
                    b.baseGenome = GenomeJson.fromNode(base, b.space);
                } catch (IllegalArgumentException e) {
                    in.add("baseGenome", "does not fit the search space: " + e.getMessage());
                }
            }
        }
        in.throwIfInvalid();
        return new TaskDefinition(b);
    }

    /** The definition as the client gave it: what is stored, and what {@link #parse} reads back. */
    public ObjectNode json() {
        return json.deepCopy();
    }

    public String name() {
        return name;
    }

    public Optional<String> description() {
        return description;
    }

    public SearchSpace space() {
        return space;
    }

    public Genome baseGenome() {
        return baseGenome;
    }

    public String backendId() {
        return backendId;
    }

    /** The engine's view of the task, under the given id. */
    public Task toTask(String id) {
        return new Task(id, name, promptTemplate, outputSchemaJson, gates, weights, documents, safetyPatterns);
    }

    private static String outputSchema(JsonInput in, JsonNode schema) {
        if (schema == null || schema.isNull()) {
            in.add("outputSchema", "is required (the JSON Schema every output must match, as a JSON object)");
            return null;
        }
        if (!in.object(schema, "outputSchema")) {
            return null;
        }
        try {
            new SchemaCheck(schema.toString());
            return schema.toString();
        } catch (IllegalArgumentException e) {
            in.add("outputSchema", e.getMessage());
            return null;
        }
    }

    private static Gates gates(JsonInput in, JsonNode node) {
        if (node == null || node.isNull()) {
            return Gates.SEED;
        }
        if (!in.object(node, "gates")) {
            return Gates.SEED;
        }
        in.onlyKnown(
                node, "gates", Set.of("requireSchemaValid", "forbidSafetyFlags", "minValidatorScore", "minAccuracy"));
        return new Gates(
                in.bool(node, "gates", "requireSchemaValid").orElse(true),
                in.bool(node, "gates", "forbidSafetyFlags").orElse(true),
                in.number(node, "gates", "minValidatorScore", 0, 1).orElse(0.9),
                in.number(node, "gates", "minAccuracy", 0, 1).orElse(0.85));
    }

    private static ScoringWeights scoring(JsonInput in, JsonNode node) {
        ScoringWeights fallback = ScoringWeights.budgeted(3000, 2000, 0.005, 0.1, 0.2);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!in.object(node, "scoring")) {
            return fallback;
        }
        in.onlyKnown(
                node,
                "scoring",
                Set.of(
                        "preset",
                        "latencyBudgetMs",
                        "tokenBudget",
                        "costBudgetUsd",
                        "share",
                        "perRepair",
                        "perLatencyMs",
                        "perToken",
                        "perUsd"));
        String preset = in.text(node, "scoring", "preset", false, 20).orElse("budgeted");
        double max = Double.MAX_VALUE;
        try {
            return switch (preset) {
                case "seed" -> ScoringWeights.SEED;
                case "budgeted" ->
                    ScoringWeights.budgeted(
                            in.number(node, "scoring", "latencyBudgetMs", Double.MIN_VALUE, max)
                                    .orElse(3000),
                            in.number(node, "scoring", "tokenBudget", Double.MIN_VALUE, max)
                                    .orElse(2000),
                            in.number(node, "scoring", "costBudgetUsd", Double.MIN_VALUE, max)
                                    .orElse(0.005),
                            in.number(node, "scoring", "share", 0, 1).orElse(0.1),
                            in.number(node, "scoring", "perRepair", 0, 1).orElse(0.2));
                case "custom" ->
                    new ScoringWeights(
                            "custom",
                            in.number(node, "scoring", "perLatencyMs", 0, max).orElse(0),
                            in.number(node, "scoring", "perToken", 0, max).orElse(0),
                            in.number(node, "scoring", "perUsd", 0, max).orElse(0),
                            in.number(node, "scoring", "perRepair", 0, max).orElse(0));
                default -> {
                    in.add("scoring.preset", "must be 'budgeted', 'seed' or 'custom', got '" + preset + "'");
                    yield fallback;
                }
            };
        } catch (IllegalArgumentException e) {
            in.add("scoring", e.getMessage());
            return fallback;
        }
    }

    private static List<Task.SafetyPattern> safetyPatterns(JsonInput in, JsonNode root) {
        List<Task.SafetyPattern> patterns = new ArrayList<>();
        in.array(root, "", "safetyPatterns").ifPresent(array -> {
            for (int i = 0; i < array.size(); i++) {
                String path = JsonInput.index("safetyPatterns", i);
                JsonNode p = array.get(i);
                if (!in.object(p, path)) {
                    continue;
                }
                in.onlyKnown(p, path, Set.of("id", "regex"));
                var id = in.text(p, path, "id", true, 200);
                var regex = in.text(p, path, "regex", true, 10_000);
                if (id.isPresent() && regex.isPresent()) {
                    try {
                        patterns.add(new Task.SafetyPattern(id.get(), regex.get()));
                    } catch (PatternSyntaxException e) {
                        in.add(JsonInput.path(path, "regex"), "not a valid regular expression: " + e.getDescription());
                    }
                }
            }
        });
        return patterns;
    }

    private static List<Document> documents(JsonInput in, JsonNode root) {
        List<Document> documents = new ArrayList<>();
        if (root.path("documents").isTextual()) {
            return documents; // reported with the top-level fields
        }
        Set<String> ids = new LinkedHashSet<>();
        in.array(root, "", "documents").ifPresent(array -> {
            for (int i = 0; i < array.size(); i++) {
                String path = JsonInput.index("documents", i);
                JsonNode d = array.get(i);
                if (!in.object(d, path)) {
                    continue;
                }
                in.onlyKnown(d, path, Set.of("id", "title", "text"));
                var id = in.text(d, path, "id", true, 200);
                var title = in.text(d, path, "title", false, 1000);
                var text = in.text(d, path, "text", true, 200_000);
                if (id.isPresent() && !ids.add(id.get())) {
                    in.add(JsonInput.path(path, "id"), "duplicate document id '" + id.get() + "'");
                } else if (id.isPresent() && text.isPresent()) {
                    documents.add(new Document(id.get(), title.orElse(id.get()), text.get()));
                }
            }
        });
        return documents;
    }

    private static String backend(JsonInput in, JsonNode node) {
        if (node == null || node.isNull()) {
            return DEFAULT_BACKEND;
        }
        if (!in.object(node, "backend")) {
            return DEFAULT_BACKEND;
        }
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if ("settings".equals(field)) {
                in.add(
                        "backend.settings",
                        "not accepted over HTTP: backend settings (base URLs, keys, files) come from server"
                                + " configuration, keys promptevo.backends.<id>.*");
            } else if (!"id".equals(field)) {
                in.add("backend." + field, "unknown field (known: [id])");
            }
        }
        return in.text(node, "backend", "id", false, 200).orElse(DEFAULT_BACKEND);
    }

    private static SearchSpace searchSpace(JsonInput in, JsonNode root, JsonNode base) {
        Set<String> pool = new LinkedHashSet<>();
        if (base.path("rubric").isTextual()) {
            pool.add(base.get("rubric").asText());
        }
        pool.addAll(in.strings(root, "", "rubricPool"));
        if (pool.isEmpty()) {
            pool.add("Answer with the JSON object only.");
        }
        List<String> models = in.strings(root, "", "models");
        Optional<JsonNode> genes = in.array(root, "", "searchSpace");
        if (genes.isEmpty()) {
            if (root.hasNonNull("searchSpace")) {
                return null;
            }
            if (models.isEmpty() && base.path("model_key").isTextual()) {
                models.add(base.get("model_key").asText());
            }
            if (models.isEmpty()) {
                in.add("models", "name at least one model (or give the base genome a 'model_key', or a 'searchSpace')");
                return null;
            }
            try {
                return DefaultSearchSpace.of(models, List.copyOf(pool));
            } catch (IllegalArgumentException e) {
                in.add("models", e.getMessage());
                return null;
            }
        }
        List<Gene> parsed = new ArrayList<>();
        int before = in.violations().size();
        JsonNode array = genes.get();
        for (int i = 0; i < array.size(); i++) {
            gene(in, JsonInput.index("searchSpace", i), array.get(i), List.copyOf(pool))
                    .ifPresent(parsed::add);
        }
        if (in.violations().size() > before) {
            return null;
        }
        try {
            return new SearchSpace(parsed);
        } catch (IllegalArgumentException e) {
            in.add("searchSpace", e.getMessage());
            return null;
        }
    }

    private static Optional<Gene> gene(JsonInput in, String path, JsonNode g, List<String> pool) {
        if (!in.object(g, path)) {
            return Optional.empty();
        }
        in.onlyKnown(g, path, Set.of("name", "type", "min", "max", "step", "resolution", "options", "maxLength"));
        var name = in.text(g, path, "name", true, 200);
        var type = in.text(g, path, "type", true, 20);
        if (name.isEmpty() || type.isEmpty()) {
            return Optional.empty();
        }
        try {
            return switch (type.get()) {
                case "boolean" -> Optional.of(Gene.bool(name.get()));
                case "integer" -> {
                    var min = in.integer(g, path, "min");
                    var max = in.integer(g, path, "max");
                    var step = in.integer(g, path, "step");
                    if (min.isEmpty() || max.isEmpty()) {
                        in.add(path, "an integer gene needs whole numbers 'min' and 'max'");
                        yield Optional.empty();
                    }
                    yield Optional.of(Gene.integer(name.get(), min.get(), max.get(), step.orElse(1L)));
                }
                case "real" -> {
                    var min = in.number(g, path, "min", -Double.MAX_VALUE, Double.MAX_VALUE);
                    var max = in.number(g, path, "max", -Double.MAX_VALUE, Double.MAX_VALUE);
                    var resolution = in.number(g, path, "resolution", 0, Double.MAX_VALUE);
                    if (min.isEmpty() || max.isEmpty()) {
                        in.add(path, "a real gene needs numbers 'min' and 'max'");
                        yield Optional.empty();
                    }
                    yield Optional.of(
                            Gene.real(name.get(), min.getAsDouble(), max.getAsDouble(), resolution.orElse(0.01)));
                }
                case "choice" -> {
                    List<String> options = in.strings(g, path, "options");
                    yield Optional.of(Gene.choice(name.get(), options));
                }
                case "text" -> {
                    long maxLength =
                            in.integer(g, path, "maxLength").orElse((long) DefaultSearchSpace.RUBRIC_MAX_LENGTH);
                    yield Optional.of(Gene.text(name.get(), (int) Math.min(Integer.MAX_VALUE, maxLength), pool));
                }
                default -> {
                    in.add(
                            JsonInput.path(path, "type"),
                            "must be one of boolean, integer, real, choice, text; got '" + type.get() + "'");
                    yield Optional.empty();
                }
            };
        } catch (IllegalArgumentException e) {
            in.add(path, e.getMessage());
            return Optional.empty();
        }
    }

    private static final class Builder {
        private ObjectNode json;
        private String name;
        private Optional<String> description = Optional.empty();
        private String promptTemplate;
        private String outputSchemaJson;
        private Gates gates;
        private ScoringWeights weights;
        private List<Document> documents = List.of();
        private List<Task.SafetyPattern> safetyPatterns = List.of();
        private SearchSpace space;
        private Genome baseGenome;
        private String backendId;
    }
}
