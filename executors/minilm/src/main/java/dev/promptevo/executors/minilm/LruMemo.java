package dev.promptevo.executors.minilm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * A bounded, least-recently-used memo that computes each value once even when many threads ask for
 * the same missing key at the same time: the first computes, the others wait for its result.
 *
 * <p>A computation that throws is not remembered; its callers (the first and those waiting) get its
 * exception and the next call computes again. Thread-safe.
 */
final class LruMemo<K, V> {
    private final Map<K, CompletableFuture<V>> entries;

    LruMemo(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, CompletableFuture<V>> eldest) {
                return size() > capacity;
            }
        };
    }

    V get(K key, Function<? super K, ? extends V> compute) {
        CompletableFuture<V> future;
        boolean computeHere = false;
        synchronized (entries) {
            future = entries.get(key);
            if (future == null) {
                future = new CompletableFuture<>();
                entries.put(key, future);
                computeHere = true;
            }
        }
        if (computeHere) {
            try {
                future.complete(compute.apply(key));
            } catch (RuntimeException | Error e) {
                synchronized (entries) {
                    entries.remove(key, future);
                }
                future.completeExceptionally(e);
                throw e;
            }
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
