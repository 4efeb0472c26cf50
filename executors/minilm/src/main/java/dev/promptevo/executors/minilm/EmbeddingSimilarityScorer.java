package dev.promptevo.executors.minilm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.promptevo.api.eval.Validator;
import dev.promptevo.api.task.Example;
import dev.promptevo.api.task.Task;
import java.util.List;
import java.util.Locale;

/**
 * Scores how close an output's meaning is to the example's expected answer, id {@value #ID}.
 *
 * <p>Both JSON texts are made canonical (object keys sorted, no insignificant whitespace) and
 * embedded with {@link MiniLmEmbeddings all-MiniLM-L6-v2}; the score is {@code max(0, cos)}, the
 * cosine similarity of the two embeddings with negative values (opposite meanings, rare for this
 * model) floored at 0. Identical canonical texts score exactly 1 without touching the model. A text
 * that is not JSON is compared as it is.
 *
 * <p>Outputs of one schema share their key names, which lifts every cosine: on the test's example,
 * other answers of the same schema score about 0.5 to 0.6 and a paraphrase 0.93. The score ranks
 * candidates rather than grading them absolutely.
 *
 * <p>Not registered for {@link java.util.ServiceLoader}: every discovered validator is averaged into
 * each run's validator score, so the plugin jar's presence alone would change every run's fitness. A
 * run opts in explicitly (see this module's README). Thread-safe; embeddings are cached per text.
 */
public final class EmbeddingSimilarityScorer implements Validator {
    public static final String ID = "validator.embedding-similarity";

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final EmbeddingCache cache;

    /** Over the JVM's shared model and cache. */
    public EmbeddingSimilarityScorer() {
        this(EmbeddingCache.shared());
    }

    EmbeddingSimilarityScorer(EmbeddingCache cache) {
        this.cache = cache;
    }

    @Override
    public String id() {
        return ID;
    }

    /** Opt-in: it would change every run's fitness as soon as the jar is present (use --validator). */
    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public Verdict validate(Task task, Example example, String outputJson) {
        String output = canonical(outputJson);
        String expected = canonical(example.expectedJson());
        if (output.equals(expected)) {
            return Verdict.pass();
        }
        double score = Math.max(0, Vectors.cosine(cache.text(output), cache.text(expected)));
        if (score >= 1) {
            return Verdict.pass();
        }
        return new Verdict(
                score,
                List.of(String.format(
                        Locale.ROOT, "embedding similarity to the expected answer is %.3f, not 1", score)));
    }

    /** Keys sorted, compact; the stripped text itself when it is not JSON. */
    static String canonical(String json) {
        try {
            return CANONICAL.writeValueAsString(CANONICAL.readValue(json, Object.class));
        } catch (JsonProcessingException e) {
            return json.strip();
        }
    }
}
