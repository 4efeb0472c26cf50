package dev.promptevo.engine.execution;

/**
 * What the evaluation cache did in a run.
 *
 * @param hits calls answered from the cache: no model call, no money, nothing counted in the budget
 * @param misses deterministic calls not found in the cache: made, and their answers stored (unless
 *     the call failed)
 * @param uncacheable calls the backend could not promise to answer the same way again (see {@link
 *     dev.promptevo.api.model.ModelBackend#replayScope}): made, and never stored or reused
 * @param savedUsd what the hits would have cost
 * @param savedTokens the tokens the hits would have used
 */
public record CacheStats(long hits, long misses, long uncacheable, double savedUsd, long savedTokens) {
    public static final CacheStats NONE = new CacheStats(0, 0, 0, 0.0, 0);

    /** The share of all calls asked of the cache that it answered. */
    public double hitRate() {
        long asked = hits + misses + uncacheable;
        return asked == 0 ? 0.0 : (double) hits / asked;
    }
}
