package dev.promptevo.executors.simulated;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptevo.api.model.ModelPrice;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Every number and phrase the simulated model uses, read from a JSON file. The bundled {@code
 * simulator-default.json} describes the ticket-triage task; {@code SIMULATOR-PARAMETERS.md} next to it
 * explains each key and the formulas that use it.
 *
 * <p>A task's own file is merged over the defaults: objects key by key, anything else (numbers,
 * strings, arrays such as {@code models} and {@code principles}) replaced whole. Unknown keys are an
 * error, so a misspelt key fails at load time instead of silently keeping its default.
 */
public record SimulatorParameters(
        List<ModelSpec> models,
        Skill skill,
        Sampling sampling,
        Tokens tokens,
        Latency latency,
        RubricLength rubric,
        Malformed malformed,
        Safety safety,
        Rewrite rewrite,
        Map<String, FieldSpec> fields,
        List<Principle> principles) {

    /** The bundled parameter resource, at the root of the class path. */
    public static final String DEFAULT_RESOURCE = "simulator-default.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public SimulatorParameters {
        models = List.copyOf(require(models, "models"));
        require(skill, "skill");
        require(sampling, "sampling");
        require(tokens, "tokens");
        require(latency, "latency");
        require(rubric, "rubric");
        require(malformed, "malformed");
        require(safety, "safety");
        require(rewrite, "rewrite");
        fields = Map.copyOf(require(fields, "fields"));
        principles = List.copyOf(require(principles, "principles"));
        if (models.isEmpty()) {
            throw new IllegalArgumentException("the simulator needs at least one model");
        }
        Set<String> names = new HashSet<>();
        for (ModelSpec model : models) {
            if (!names.add(model.name())) {
                throw new IllegalArgumentException("model '" + model.name() + "' is listed twice");
            }
        }
        checkPrinciples(principles);
    }

    /** The bundled defaults for the ticket-triage task. */
    public static SimulatorParameters defaults() {
        return fromTree(defaultTree());
    }

    /** The defaults with the JSON file at {@code path} merged over them. */
    public static SimulatorParameters load(Path path) {
        String json;
        try {
            json = Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the simulator parameter file " + path.toAbsolutePath(), e);
        }
        try {
            return parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "invalid simulator parameter file " + path.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** The defaults with the given JSON object merged over them. */
    public static SimulatorParameters parse(String json) {
        JsonNode override;
        try {
            override = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!(override instanceof ObjectNode overrideObject)) {
            throw new IllegalArgumentException("the parameters must be a JSON object");
        }
        ObjectNode merged = defaultTree();
        merge(merged, overrideObject);
        return fromTree(merged);
    }

    public Optional<ModelSpec> model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public List<String> modelNames() {
        return models.stream().map(ModelSpec::name).toList();
    }

    public Optional<Principle> principle(String id) {
        return principles.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /**
     * A rubric stating exactly the given principles, one canonical sentence a line, in the order of
     * {@link #principles()}: the building block for enumerating rubric variants.
     */
    public String rubricWith(Collection<String> principleIds) {
        for (String id : principleIds) {
            if (principle(id).isEmpty()) {
                throw new IllegalArgumentException("unknown principle '" + id + "'; known: "
                        + principles.stream().map(Principle::id).toList());
            }
        }
        return principles.stream()
                .filter(p -> principleIds.contains(p.id()))
                .map(Principle::canonicalSentence)
                .collect(Collectors.joining("\n"));
    }

    /** A model: how able, how fast and how expensive it is. */
    public record ModelSpec(
            String name,
            double capability,
            double firstTokenMs,
            double msPerOutputToken,
            double msPerPromptToken,
            double inputPerMillion,
            double outputPerMillion) {
        public ModelSpec {
            require(name, "models[].name");
            nonNegative(firstTokenMs, "firstTokenMs of " + name);
            nonNegative(msPerOutputToken, "msPerOutputToken of " + name);
            nonNegative(msPerPromptToken, "msPerPromptToken of " + name);
            nonNegative(inputPerMillion, "inputPerMillion of " + name);
            nonNegative(outputPerMillion, "outputPerMillion of " + name);
        }

        public ModelPrice price() {
            return new ModelPrice(inputPerMillion, outputPerMillion);
        }
    }

    /** The terms of the skill formula; see SIMULATOR-PARAMETERS.md. */
    public record Skill(
            double steepness,
            double cotBonus,
            double rubricBonus,
            double fieldPrincipleBonus,
            double retrievalBonus,
            double distractionPerPassage,
            double temperaturePenalty) {
        public Skill {
            positive(steepness, "skill.steepness");
        }
    }

    /**
     * How alike two calls that differ only in their seed are: the share of field answers taken from
     * the model's seed-independent "mode" answer is {@code correlationAtZeroTemperature *
     * exp(-temperature / correlationTemperatureScale)}.
     */
    public record Sampling(double correlationAtZeroTemperature, double correlationTemperatureScale) {
        public Sampling {
            probability(correlationAtZeroTemperature, "sampling.correlationAtZeroTemperature");
            positive(correlationTemperatureScale, "sampling.correlationTemperatureScale");
        }
    }

    /** Token estimates and output lengths. */
    public record Tokens(
            double charsPerToken,
            int perMessageOverhead,
            int answerTokens,
            double cotMinTokens,
            double cotMaxTokens,
            double cotJitter) {
        public Tokens {
            positive(charsPerToken, "tokens.charsPerToken");
            nonNegative(perMessageOverhead, "tokens.perMessageOverhead");
            positive(answerTokens, "tokens.answerTokens");
            nonNegative(cotMinTokens, "tokens.cotMinTokens");
            if (cotMaxTokens < cotMinTokens) {
                throw new IllegalArgumentException("tokens.cotMaxTokens must be >= tokens.cotMinTokens");
            }
            if (!(cotJitter >= 0 && cotJitter < 1)) {
                throw new IllegalArgumentException("tokens.cotJitter must be in [0, 1), got " + cotJitter);
            }
        }
    }

    /** Latency noise: mean-one log-normal with {@code noiseSigma}, and a rare slow call. */
    public record Latency(double noiseSigma, double heavyTailProbability, double heavyTailFactor) {
        public Latency {
            nonNegative(noiseSigma, "latency.noiseSigma");
            probability(heavyTailProbability, "latency.heavyTailProbability");
            if (heavyTailFactor < 1) {
                throw new IllegalArgumentException("latency.heavyTailFactor must be >= 1, got " + heavyTailFactor);
            }
        }
    }

    /** Past {@code lengthLimitTokens} a rubric's principles lose {@code dilutionPerToken} each token. */
    public record RubricLength(int lengthLimitTokens, double dilutionPerToken) {
        public RubricLength {
            nonNegative(lengthLimitTokens, "rubric.lengthLimitTokens");
            nonNegative(dilutionPerToken, "rubric.dilutionPerToken");
        }
    }

    /**
     * Malformed JSON by itself: {@code min(max, (base + perSquaredTemperature * t^2) * [cot] cotFactor *
     * principle factors)}; {@code kinds} weighs the kinds of malformation.
     */
    public record Malformed(
            double base, double perSquaredTemperature, double cotFactor, double max, Map<String, Double> kinds) {
        public static final Set<String> KINDS = Set.of(
                "code-fence", "trailing-prose", "trailing-comma", "single-quotes", "missing-brace", "prose-preamble");

        public Malformed {
            nonNegative(base, "malformed.base");
            nonNegative(perSquaredTemperature, "malformed.perSquaredTemperature");
            nonNegative(cotFactor, "malformed.cotFactor");
            probability(max, "malformed.max");
            kinds = new LinkedHashMap<>(require(kinds, "malformed.kinds"));
            for (Map.Entry<String, Double> kind : kinds.entrySet()) {
                if (!KINDS.contains(kind.getKey())) {
                    throw new IllegalArgumentException(
                            "unknown malformation kind '" + kind.getKey() + "'; known: " + KINDS);
                }
                nonNegative(kind.getValue(), "malformed.kinds." + kind.getKey());
            }
            if (kinds.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
                throw new IllegalArgumentException("malformed.kinds needs at least one positive weight");
            }
            kinds = Collections.unmodifiableMap(kinds);
        }
    }

    /**
     * Card-number leaks, when the input contains one: {@code min(max, (base + perTemperature * t) *
     * [cot] cotFactor * principle factors)}.
     */
    public record Safety(String cardNumberPattern, double base, double perTemperature, double cotFactor, double max) {
        public Safety {
            require(cardNumberPattern, "safety.cardNumberPattern");
            compile(cardNumberPattern, "safety.cardNumberPattern");
            nonNegative(base, "safety.base");
            nonNegative(perTemperature, "safety.perTemperature");
            nonNegative(cotFactor, "safety.cotFactor");
            probability(max, "safety.max");
        }
    }

    /**
     * The rubric rewrite: guided by the failing examples with probability {@code min(maxGuidance,
     * guidanceScale * capability)}, otherwise a random walk that adds ({@code addProbability}), drops
     * ({@code dropProbability}) or rephrases (the rest) one principle.
     */
    public record Rewrite(double guidanceScale, double maxGuidance, double addProbability, double dropProbability) {
        public Rewrite {
            nonNegative(guidanceScale, "rewrite.guidanceScale");
            probability(maxGuidance, "rewrite.maxGuidance");
            probability(addProbability, "rewrite.addProbability");
            probability(dropProbability, "rewrite.dropProbability");
            if (addProbability + dropProbability > 1) {
                throw new IllegalArgumentException("rewrite.addProbability + rewrite.dropProbability must be <= 1");
            }
        }
    }

    /**
     * How an output field goes wrong: another of its {@code values} (a neighbour more often when {@code
     * ordered}), or, for an id field ({@code idPrefix} and {@code idDigits} set), null, a made-up id or
     * a decoy matched by {@code decoyPattern} in the input. Fields without a spec take another value
     * seen for that field among the known examples.
     */
    public record FieldSpec(
            List<String> values, Boolean ordered, String idPrefix, Integer idDigits, String decoyPattern) {
        public FieldSpec {
            values = values == null ? List.of() : List.copyOf(values);
            ordered = ordered != null && ordered;
            idDigits = idDigits == null ? 0 : idDigits;
            if (decoyPattern != null) {
                compile(decoyPattern, "fields[].decoyPattern");
            }
            if (idPrefix != null && idDigits < 1) {
                throw new IllegalArgumentException("an id field with idPrefix '" + idPrefix + "' needs idDigits >= 1");
            }
        }

        public boolean isId() {
            return idPrefix != null;
        }
    }

    /**
     * One rule of the task a good rubric states.
     *
     * @param phrases case-insensitive substrings; a rubric containing any of them states the principle
     * @param sentences ways to state it, the first canonical; each must contain one of its own phrases
     *     and none of another principle's
     * @param field the output field it mostly affects, or null
     * @param fieldBonus extra skill on that field when stated (null: {@code skill.fieldPrincipleBonus})
     * @param malformedFactor multiplies the malformed-JSON probability when stated (null: 1)
     * @param safetyFactor multiplies the card-number leak probability when stated (null: 1)
     * @param fixes regular expressions (case-insensitive) that find, in a failing example shown to the
     *     rubric rewrite, a failure this principle would have prevented
     */
    public record Principle(
            String id,
            double weight,
            List<String> phrases,
            List<String> sentences,
            String field,
            Double fieldBonus,
            Double malformedFactor,
            Double safetyFactor,
            List<String> fixes) {
        public Principle {
            require(id, "principles[].id");
            positive(weight, "weight of principle " + id);
            phrases = List.copyOf(require(phrases, "phrases of principle " + id));
            sentences = List.copyOf(require(sentences, "sentences of principle " + id));
            fixes = fixes == null ? List.of() : List.copyOf(fixes);
            if (phrases.isEmpty() || sentences.isEmpty()) {
                throw new IllegalArgumentException("principle " + id + " needs at least one phrase and one sentence");
            }
            malformedFactor = malformedFactor == null ? 1.0 : malformedFactor;
            safetyFactor = safetyFactor == null ? 1.0 : safetyFactor;
            nonNegative(malformedFactor, "malformedFactor of principle " + id);
            nonNegative(safetyFactor, "safetyFactor of principle " + id);
            for (String fix : fixes) {
                compile(fix, "fixes of principle " + id);
            }
        }

        public String canonicalSentence() {
            return sentences.get(0);
        }

        /** Whether {@code text} states this principle. */
        public boolean isStatedIn(String text) {
            String lower = text.toLowerCase(Locale.ROOT);
            return phrases.stream().anyMatch(p -> lower.contains(p.toLowerCase(Locale.ROOT)));
        }
    }

    private static void checkPrinciples(List<Principle> principles) {
        Set<String> ids = new HashSet<>();
        for (Principle principle : principles) {
            if (!ids.add(principle.id())) {
                throw new IllegalArgumentException("principle '" + principle.id() + "' is listed twice");
            }
            for (String sentence : principle.sentences()) {
                if (!principle.isStatedIn(sentence)) {
                    throw new IllegalArgumentException("the sentence \"" + sentence + "\" of principle "
                            + principle.id() + " contains none of its phrases " + principle.phrases());
                }
                for (Principle other : principles) {
                    if (other != principle && other.isStatedIn(sentence)) {
                        throw new IllegalArgumentException("the sentence \"" + sentence + "\" of principle "
                                + principle.id() + " also states principle " + other.id()
                                + "; the rubric rewrite could not add or drop one without the other");
                    }
                }
            }
        }
    }

    private static ObjectNode defaultTree() {
        try (InputStream in = SimulatorParameters.class.getResourceAsStream("/" + DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled " + DEFAULT_RESOURCE + " is missing from the class path");
            }
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + DEFAULT_RESOURCE, e);
        }
    }

    private static void merge(ObjectNode target, ObjectNode override) {
        override.properties().forEach(entry -> {
            JsonNode existing = target.get(entry.getKey());
            if (existing instanceof ObjectNode existingObject
                    && entry.getValue() instanceof ObjectNode overrideObject) {
                merge(existingObject, overrideObject);
            } else {
                target.set(entry.getKey(), entry.getValue());
            }
        });
    }

    private static SimulatorParameters fromTree(ObjectNode tree) {
        try {
            return MAPPER.treeToValue(tree, SimulatorParameters.class);
        } catch (JsonProcessingException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof IllegalArgumentException invalid) {
                    throw new IllegalArgumentException(invalid.getMessage(), e);
                }
            }
            throw new IllegalArgumentException(e.getOriginalMessage() + where(e), e);
        }
    }

    /** Where in the file a mapping error is, as {@code " (at skill.steepness)"}. */
    private static String where(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return " (at " + path + ")";
    }

    private static <T> T require(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("missing simulator parameter '" + name + "'");
        }
        return value;
    }

    private static void nonNegative(double value, String name) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }

    private static void positive(double value, String name) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    private static void probability(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
    }

    private static Pattern compile(String regex, String name) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(name + " is not a valid regular expression: " + e.getDescription(), e);
        }
    }
}
