package dev.promptevo.web.infrastructure.metrics;

/** Told of every model call a run's backend makes. Called concurrently: implementations are thread-safe. */
public interface CallObserver {
    /** A call answered: its tokens (prompt plus completion) and price. */
    void answered(String backendId, long tokens, double costUsd);

    /** A call failed (timeout, rate limit, refused request, ...); {@code costUsd} is what it cost anyway. */
    void failed(String backendId, double costUsd);
}
