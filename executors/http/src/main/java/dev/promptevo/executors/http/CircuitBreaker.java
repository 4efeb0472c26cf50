package dev.promptevo.executors.http;

import java.time.Duration;

/**
 * Stops calling a provider that keeps failing. Closed: calls go through, and {@code threshold}
 * consecutive failed attempts open it. Open: calls are refused without a request until {@code
 * cooldown} has passed; then it is half-open and lets one trial call through: success closes it,
 * failure opens it for another cool-down. An attempt fails when the provider is unreachable, times
 * out or answers 5xx or 408; any other answer (a 4xx, a 429) shows the provider is up and counts as
 * a success here. Thread-safe.
 */
final class CircuitBreaker {
    enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final int threshold;
    private final long cooldownNanos;
    private final Ticker ticker;
    private State state = State.CLOSED;
    private int failures;
    private long openedAt;
    private boolean trialInFlight;

    /** @param threshold 0 disables the breaker */
    CircuitBreaker(int threshold, Duration cooldown, Ticker ticker) {
        this.threshold = threshold;
        this.cooldownNanos = cooldown.toNanos();
        this.ticker = ticker;
    }

    /**
     * Whether an attempt may go now. In the half-open state the first caller gets the trial and must
     * report its outcome ({@link #onSuccess}, {@link #onFailure} or {@link #onAbandoned}).
     */
    synchronized boolean tryAcquire() {
        if (threshold == 0 || state == State.CLOSED) {
            return true;
        }
        if (state == State.OPEN && ticker.nanos() - openedAt >= cooldownNanos) {
            state = State.HALF_OPEN;
        }
        if (state == State.HALF_OPEN && !trialInFlight) {
            trialInFlight = true;
            return true;
        }
        return false;
    }

    synchronized void onSuccess() {
        failures = 0;
        trialInFlight = false;
        state = State.CLOSED;
    }

    /** Records a failed attempt; true when it opened the breaker. */
    synchronized boolean onFailure() {
        if (threshold == 0) {
            return false;
        }
        failures++;
        boolean trialFailed = state == State.HALF_OPEN && trialInFlight;
        trialInFlight = false;
        if (trialFailed || (state == State.CLOSED && failures >= threshold)) {
            state = State.OPEN;
            openedAt = ticker.nanos();
            return true;
        }
        return false;
    }

    /** An attempt that ended without an outcome (interrupted): frees the trial, if it was one. */
    synchronized void onAbandoned() {
        trialInFlight = false;
    }

    synchronized State state() {
        return state;
    }

    /** Why a call is refused now, for the message. */
    synchronized String refusal() {
        if (state == State.HALF_OPEN) {
            return "circuit breaker half-open after " + failures + " consecutive failed attempts: a trial call is in"
                    + " flight";
        }
        long remaining = Math.max(0, cooldownNanos - (ticker.nanos() - openedAt));
        return "circuit breaker open after " + failures + " consecutive failed attempts; the next trial call goes in "
                + Duration.ofNanos(remaining).toMillis() + " ms";
    }
}
