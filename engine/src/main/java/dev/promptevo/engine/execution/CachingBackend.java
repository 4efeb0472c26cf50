package dev.promptevo.engine.execution;

import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ForwardingModelBackend;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse;
import java.util.Optional;

/**
 * The evaluation cache in front of a backend: a call the backend promises to answer the same way
 * every time ({@link ModelBackend#replayScope} present) is answered from the {@link EvaluationCache}
 * when it was made before, in this run or an earlier one, and stored when it is made now; any other
 * call goes through untouched. Failed calls are never stored (the next try may succeed).
 *
 * <p>Placed in front of the {@link BudgetedBackend}, so an answer from the cache reserves nothing and
 * counts no call, token or dollar in the run's {@link SpendLedger}. The answer keeps the latency,
 * tokens and cost the call had when it was made, so the evaluation it feeds is the same evaluation,
 * scored the same way.
 *
 * <p>Thread-safe. Two identical calls in flight at once may both be made (the engine never sends
 * them: a genome is evaluated once per run); both answers are the same.
 */
public final class CachingBackend extends ForwardingModelBackend {
    private final EvaluationCache cache;
    private long hits;
    private long misses;
    private long uncacheable;
    private double savedUsd;
    private long savedTokens;

    public CachingBackend(ModelBackend delegate, EvaluationCache cache) {
        super(delegate);
        this.cache = cache;
    }

    @Override
    public ModelResponse complete(ModelRequest request) throws BackendException {
        Optional<String> scope = delegate.replayScope(request);
        if (scope.isEmpty()) {
            synchronized (this) {
                uncacheable++;
            }
            return delegate.complete(request);
        }
        CacheKey key = CacheKey.of(scope.get(), request);
        Optional<ModelResponse> stored = cache.get(key);
        if (stored.isPresent()) {
            synchronized (this) {
                hits++;
                savedUsd += stored.get().costUsd();
                savedTokens += stored.get().usage().total();
            }
            return stored.get();
        }
        synchronized (this) {
            misses++;
        }
        ModelResponse response = delegate.complete(request);
        cache.put(key, response);
        return response;
    }

    public synchronized CacheStats stats() {
        return new CacheStats(hits, misses, uncacheable, savedUsd, savedTokens);
    }
}
