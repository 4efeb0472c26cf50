package dev.promptevo.engine.execution;

import dev.promptevo.api.model.ModelResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the evaluation cache keeps the model's answers to deterministic calls, by {@link CacheKey}.
 * {@link CachingBackend} decides what is stored and when a stored answer is used; a store only keeps
 * them: in memory ({@link #inMemory()}), in a file that outlives the run ({@link FileEvaluationCache}),
 * or in a database (the interface is small so that a JPA repository can implement it).
 *
 * @apiNote Called concurrently; implementations are thread-safe. {@link #put} of a key already
 *     present may keep either answer: for a deterministic call they are the same.
 */
public interface EvaluationCache {

    Optional<ModelResponse> get(CacheKey key);

    void put(CacheKey key, ModelResponse response);

    /** Answers kept. */
    int size();

    /** A cache that lives as long as this object (a run, or several runs in one process). */
    static EvaluationCache inMemory() {
        return new EvaluationCache() {
            private final Map<CacheKey, ModelResponse> answers = new ConcurrentHashMap<>();

            @Override
            public Optional<ModelResponse> get(CacheKey key) {
                return Optional.ofNullable(answers.get(key));
            }

            @Override
            public void put(CacheKey key, ModelResponse response) {
                answers.putIfAbsent(key, response);
            }

            @Override
            public int size() {
                return answers.size();
            }
        };
    }
}
