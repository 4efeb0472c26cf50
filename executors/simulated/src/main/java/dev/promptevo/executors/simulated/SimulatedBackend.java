package dev.promptevo.executors.simulated;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ChatMessage;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelPrice;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse;
import dev.promptevo.api.model.PromptConventions;
import dev.promptevo.api.model.TokenUsage;
import dev.promptevo.api.task.Example;
import dev.promptevo.executors.simulated.SimulatorParameters.ModelSpec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A simulated LLM: it answers the task's known examples from their ground truth, right with a
 * probability that follows the call's configuration, and models tokens, latency, cost, malformed
 * JSON and card-number leaks. It is not a language model; see the module README for what it models
 * and what it does not.
 *
 * <p>Every draw comes from a generator seeded from (backend seed, request seed, example id, model), so
 * the same request always gets the same response, and responses to different seeds differ as
 * independent samples would (less so at low temperature, see {@link SimulatorParameters.Sampling}).
 * {@link SimulatorTruth} gives the expectation of what this class samples.
 *
 * <p>Immutable and thread-safe.
 */
public final class SimulatedBackend implements ModelBackend {
    /** The sentence the engine appends to the rubric to turn chain-of-thought on. */
    public static final String COT_INSTRUCTION = PromptConventions.COT_INSTRUCTION;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String LEAK_NOTE_FIELD = "note";
    private static final double LEAK_IN_REASONING_SHARE = 0.5;
    private static final String PLAIN_ANSWER =
            "I am a simulated model: I only imitate task calls and rubric rewrites, so I have nothing useful to say here.";

    private final SimulatorParameters parameters;
    private final long seed;
    private final boolean realtime;
    private final OptionalDouble fixedLatencyMs;
    private final Map<String, KnownExample> examples;
    private final CallModel callModel;
    private final WrongValues wrongValues;
    private final RubricRewriter rewriter;
    private final Pattern cardNumber;
    private final String replayScope;

    private SimulatedBackend(
            SimulatorParameters parameters,
            long seed,
            List<Example> knownExamples,
            boolean realtime,
            OptionalDouble fixedLatencyMs) {
        fixedLatencyMs.ifPresent(ms -> {
            if (!(ms >= 0) || Double.isInfinite(ms)) {
                throw new IllegalArgumentException("a fixed latency must be a finite number of ms >= 0, got " + ms);
            }
        });
        this.parameters = parameters;
        this.seed = seed;
        this.realtime = realtime;
        this.fixedLatencyMs = fixedLatencyMs;
        this.callModel = new CallModel(parameters);
        this.rewriter = new RubricRewriter(parameters);
        this.cardNumber = Pattern.compile(parameters.safety().cardNumberPattern());
        Map<String, KnownExample> byId = new LinkedHashMap<>();
        Map<String, Set<JsonNode>> observed = new LinkedHashMap<>();
        for (Example example : knownExamples) {
            KnownExample known = new KnownExample(example, expectedFields(example));
            if (byId.putIfAbsent(example.id(), known) != null) {
                throw new IllegalArgumentException("two known examples share the id '" + example.id() + "'");
            }
            known.fields()
                    .forEach((field, value) -> observed.computeIfAbsent(field, f -> new LinkedHashSet<>())
                            .add(value));
        }
        this.examples = Map.copyOf(byId);
        this.replayScope = fingerprint(parameters, seed, knownExamples, fixedLatencyMs);
        this.wrongValues = new WrongValues(
                parameters.fields(),
                observed.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue()))));
    }

    /**
     * @param parameters the model's parameters
     * @param seed the backend seed; with the request seed, it decides every draw
     * @param knownExamples the examples the backend can imitate (their ids must be unique)
     * @param realtime whether {@link #complete} sleeps for the modelled latency before it returns
     */
    public static SimulatedBackend of(
            SimulatorParameters parameters, long seed, List<Example> knownExamples, boolean realtime) {
        return new SimulatedBackend(parameters, seed, knownExamples, realtime, OptionalDouble.empty());
    }

    /**
     * A backend whose every call takes exactly {@code fixedLatencyMs} (when present) instead of the
     * modelled latency: that is the latency it reports, and with {@code realtime} the time it sleeps.
     * Answers, tokens and cost are modelled as usual. For throughput benchmarks, where the latency
     * must be a known constant.
     *
     * @param fixedLatencyMs a finite number of milliseconds, at least 0; empty for the modelled latency
     */
    public static SimulatedBackend of(
            SimulatorParameters parameters,
            long seed,
            List<Example> knownExamples,
            boolean realtime,
            OptionalDouble fixedLatencyMs) {
        return new SimulatedBackend(parameters, seed, knownExamples, realtime, fixedLatencyMs);
    }

    /** The latency every call takes and reports, when fixed; empty when it is modelled. */
    public OptionalDouble fixedLatencyMs() {
        return fixedLatencyMs;
    }

    @Override
    public String id() {
        return SimulatedBackendProvider.ID;
    }

    @Override
    public Optional<ModelPrice> price(String model) {
        return parameters.model(model).map(ModelSpec::price);
    }

    /**
     * Always present: every answer (text, tokens, latency, cost) is a pure function of the request,
     * this backend's seed, its parameters, its known examples (their ground truth, and the wrong
     * values it draws from all of them) and a fixed latency, so the same request replays exactly.
     * The scope is a SHA-256 of those; whether the calls really sleep ({@code realtime}) changes no
     * answer and is left out.
     */
    @Override
    public Optional<String> replayScope(ModelRequest request) {
        return Optional.of(replayScope);
    }

    public SimulatorParameters parameters() {
        return parameters;
    }

    public long seed() {
        return seed;
    }

    /** The closed-form expectations of this backend's calls. */
    public SimulatorTruth truth() {
        return SimulatorTruth.of(parameters);
    }

    @Override
    public ModelResponse complete(ModelRequest request) throws BackendException {
        ModelSpec model = parameters
                .model(request.model())
                .orElseThrow(() -> new BackendException(
                        "the simulated backend has no model '" + request.model() + "'; known models: "
                                + String.join(", ", parameters.modelNames()),
                        false));
        Answer answer = switch (request.purpose()) {
            case ModelRequest.PURPOSE_TASK -> answerTask(request, model);
            case ModelRequest.PURPOSE_RUBRIC_REWRITE -> rewriteRubric(request, model);
            default -> new Answer(PLAIN_ANSWER, estimate(PLAIN_ANSWER), false);
        };
        long promptTokens = TokenEstimate.ofMessages(request.messages(), parameters.tokens());
        double latencyMs;
        if (fixedLatencyMs.isPresent()) {
            latencyMs = fixedLatencyMs.getAsDouble();
        } else {
            RandomGenerator latencyDraws = Seeds.stream(callKey(request, model), "latency");
            latencyMs = callModel.baseLatencyMs(model, promptTokens, answer.completionTokens())
                    * latencyNoise(latencyDraws);
        }
        if (realtime) {
            sleep(latencyMs);
        }
        return new ModelResponse(
                answer.text(),
                new TokenUsage(promptTokens, answer.completionTokens()),
                latencyMs,
                answer.cut() ? ModelResponse.FinishReason.LENGTH : ModelResponse.FinishReason.STOP,
                model.price().cost(promptTokens, answer.completionTokens()));
    }

    private record Answer(String text, long completionTokens, boolean cut) {}

    private record KnownExample(Example example, Map<String, JsonNode> fields) {}

    private Answer answerTask(ModelRequest request, ModelSpec model) throws BackendException {
        String exampleId = request.metadata().get(ModelRequest.EXAMPLE_ID);
        if (exampleId == null) {
            throw new BackendException(
                    "a task call to the simulated backend needs the metadata '" + ModelRequest.EXAMPLE_ID
                            + "': the simulator answers from the ground truth of a known example",
                    false);
        }
        KnownExample known = examples.get(exampleId);
        if (known == null) {
            throw new BackendException(
                    "the simulated backend does not know the example '" + exampleId
                            + "': it can only imitate the " + examples.size()
                            + " examples of the task it was created with",
                    false);
        }
        Example example = known.example();
        CallModel.Shape shape = callModel.shape(request, model, example);
        long callKey = callKey(request, model);
        long modeKey = Seeds.combine(seed, Seeds.hash(example.id()), Seeds.hash(model.name()));
        double correlation = callModel.correlation(request.temperature());

        Map<String, JsonNode> values = new LinkedHashMap<>();
        known.fields().forEach((field, expected) -> {
            RandomGenerator own = Seeds.stream(callKey, "field:" + field);
            RandomGenerator draws = own.nextDouble() < correlation ? Seeds.stream(modeKey, "field:" + field) : own;
            boolean right = draws.nextDouble() < callModel.fieldProbability(shape, field);
            values.put(field, right ? expected : wrongValues.pick(field, expected, example.input(), draws));
        });

        double reasoningTokens = shape.cot()
                ? callModel.reasoningTokens(
                        example.difficulty(), Seeds.stream(callKey, "reasoning").nextDouble())
                : 0;
        double needed = parameters.tokens().answerTokens() + reasoningTokens;
        boolean cut = needed > request.maxTokens();

        RandomGenerator safetyDraws = Seeds.stream(callKey, "safety");
        boolean leak = !cut && safetyDraws.nextDouble() < callModel.leakProbability(shape);
        boolean leakInReasoning = leak && shape.cot() && safetyDraws.nextDouble() < LEAK_IN_REASONING_SHARE;
        String card = leak ? firstCardNumber(example.input()) : null;

        RandomGenerator malformedDraws = Seeds.stream(callKey, "malformed");
        boolean malformed = !cut && malformedDraws.nextDouble() < callModel.malformedProbability(shape);

        String json = render(values, leak && !leakInReasoning ? card : null);
        if (malformed) {
            json = AnswerText.malform(
                    json, AnswerText.pickKind(parameters.malformed().kinds(), malformedDraws));
        }
        String text = json;
        if (shape.cot()) {
            int reasoningChars =
                    (int) Math.round(reasoningTokens * parameters.tokens().charsPerToken());
            text = "Reasoning: "
                    + AnswerText.reasoning(
                            values,
                            reasoningChars,
                            leakInReasoning ? card : null,
                            Seeds.stream(callKey, "reasoning-text"))
                    + "\nAnswer: " + json;
        }
        if (cut) {
            int keep = (int) Math.floor(text.length() * (request.maxTokens() / needed));
            return new Answer(text.substring(0, keep), request.maxTokens(), true);
        }
        return new Answer(text, Math.round(needed), false);
    }

    private Answer rewriteRubric(ModelRequest request, ModelSpec model) throws BackendException {
        String prompt = request.messages().stream()
                .filter(m -> m.role() == ChatMessage.Role.USER)
                .map(ChatMessage::content)
                .collect(Collectors.joining("\n"));
        RubricRewriter.RewritePrompt parsed = RubricRewriter.RewritePrompt.parse(prompt)
                .orElseThrow(() -> new BackendException(
                        "a rubric-rewrite call needs the current rubric in its user message, between a line"
                                + " '<rubric>' and a line '</rubric>'",
                        false));
        RandomGenerator draws = Seeds.stream(callKey(request, model), "rubric-rewrite");
        String text = "<rubric>\n" + rewriter.rewrite(parsed, model.capability(), draws) + "\n</rubric>";
        return new Answer(text, estimate(text), false);
    }

    /**
     * The key of a call's random streams: (backend seed, request seed, example id, model). Calls that
     * name no example (rubric rewrites) use their prompt text in its place.
     */
    private long callKey(ModelRequest request, ModelSpec model) {
        String exampleId = request.metadata().get(ModelRequest.EXAMPLE_ID);
        long subject = exampleId != null ? Seeds.hash(exampleId) : Seeds.hash(request.promptText());
        return Seeds.combine(seed, request.seed().orElse(0L), subject, Seeds.hash(model.name()));
    }

    /** Mean-one log-normal noise times the heavy-tail factor with its probability. */
    private double latencyNoise(RandomGenerator draws) {
        SimulatorParameters.Latency latency = parameters.latency();
        double sigma = latency.noiseSigma();
        double noise = Math.exp(sigma * draws.nextGaussian() - sigma * sigma / 2);
        double tail = draws.nextDouble() < latency.heavyTailProbability() ? latency.heavyTailFactor() : 1;
        return noise * tail;
    }

    private long estimate(String text) {
        return TokenEstimate.of(text, parameters.tokens());
    }

    private String firstCardNumber(String input) {
        Matcher matcher = cardNumber.matcher(input);
        return matcher.find() ? matcher.group() : "";
    }

    private static String render(Map<String, JsonNode> values, String leakedCard) {
        ObjectNode answer = MAPPER.createObjectNode();
        values.forEach(answer::set);
        if (leakedCard != null) {
            answer.put(LEAK_NOTE_FIELD, "The customer's card " + leakedCard + " is on file.");
        }
        try {
            return MAPPER.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    /** The fields of an example's expected JSON object, in order. */
    static Map<String, JsonNode> expectedFields(Example example) {
        JsonNode expected;
        try {
            expected = MAPPER.readTree(example.expectedJson());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "the expected output of example '" + example.id() + "' is not valid JSON: "
                            + e.getOriginalMessage(),
                    e);
        }
        if (!(expected instanceof ObjectNode object)) {
            throw new IllegalArgumentException("the expected output of example '" + example.id()
                    + "' is not a JSON object; the simulated backend imitates JSON-object answers only");
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        object.properties().forEach(entry -> fields.put(entry.getKey(), entry.getValue()));
        return fields;
    }

    private static String fingerprint(
            SimulatorParameters parameters, long seed, List<Example> knownExamples, OptionalDouble fixedLatencyMs) {
        // Sorted keys: the parameters hold a Map.copyOf, whose iteration order changes from one JVM to the next.
        ObjectMapper canonical = JsonMapper.builder()
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .build();
        ObjectNode root = canonical.createObjectNode();
        root.put("backend", SimulatedBackendProvider.ID);
        root.put("seed", seed);
        fixedLatencyMs.ifPresent(ms -> root.put("fixedLatencyMs", ms));
        root.set("parameters", canonical.valueToTree(parameters));
        var known = root.putArray("knownExamples");
        for (Example example : knownExamples) {
            known.addObject()
                    .put("id", example.id())
                    .put("input", example.input())
                    .put("expected", example.expectedJson())
                    .put("difficulty", example.difficulty());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.writeValueAsBytes(root));
            return SimulatedBackendProvider.ID + ":" + HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the simulator's configuration", e);
        }
    }

    private static void sleep(double latencyMs) throws BackendException {
        try {
            // Thread.sleep sleeps at least this long; nanoseconds keep a fractional latency exact.
            Thread.sleep(Duration.ofNanos(Math.round(latencyMs * 1e6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted while simulating the call's latency", false, 0.0, e);
        }
    }
}
