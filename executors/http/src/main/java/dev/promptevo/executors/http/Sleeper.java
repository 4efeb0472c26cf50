package dev.promptevo.executors.http;

import java.time.Duration;

/**
 * Waits. Every wait of the resilience layer (backoff, {@code Retry-After}, rate limits) goes through
 * one, so a test can record the waits instead of spending them.
 */
@FunctionalInterface
public interface Sleeper {

    /** Waits {@code duration}; returns at once for zero or a negative duration. */
    void sleep(Duration duration) throws InterruptedException;

    static Sleeper system() {
        return duration -> {
            if (duration.isPositive()) {
                Thread.sleep(duration);
            }
        };
    }
}
