package dev.promptevo.executors.http;

import java.time.Duration;

/**
 * A per-minute limit as a token bucket that holds one minute's allowance, starts full and refills
 * continuously. A taker who finds too few tokens takes them anyway, leaving the bucket in debt, and
 * is told how long to wait: the debt divided by the refill rate (so waiters queue up in order of
 * arrival, each waiting for its own share, as in Guava's {@code RateLimiter}).
 *
 * <p>Tokens are counted in units of 1/60,000,000,000 so that the refill (limit units per
 * nanosecond) and every wait are whole numbers: waits are exact. Thread-safe.
 */
final class TokenBucket {
    private static final long NANOS_PER_MINUTE = Duration.ofMinutes(1).toNanos();

    private final long perMinute;
    private final long capacity;
    private final Ticker ticker;
    private long available;
    private long updated;

    TokenBucket(long perMinute, Ticker ticker) {
        if (perMinute < 1 || perMinute > HttpBackendSettings.MAX_PER_MINUTE) {
            throw new IllegalArgumentException(
                    "a per-minute limit must be in [1, " + HttpBackendSettings.MAX_PER_MINUTE + "], got " + perMinute);
        }
        this.perMinute = perMinute;
        this.capacity = Math.multiplyExact(perMinute, NANOS_PER_MINUTE);
        this.ticker = ticker;
        this.available = capacity;
        this.updated = ticker.nanos();
    }

    /** Takes {@code tokens} and returns how long to wait before using them (zero when they were there). */
    synchronized Duration take(long tokens) {
        refill();
        available = Math.subtractExact(available, Math.multiplyExact(tokens, NANOS_PER_MINUTE));
        return available >= 0 ? Duration.ZERO : Duration.ofNanos(ceilDiv(-available, perMinute));
    }

    /**
     * Corrects an earlier {@link #take}: a positive {@code tokens} charges more, a negative one gives
     * back (never above a full bucket).
     */
    synchronized void adjust(long tokens) {
        refill();
        available = Math.min(capacity, Math.subtractExact(available, Math.multiplyExact(tokens, NANOS_PER_MINUTE)));
    }

    /** The whole tokens in the bucket now (negative when in debt). */
    synchronized long available() {
        refill();
        return Math.floorDiv(available, NANOS_PER_MINUTE);
    }

    private void refill() {
        long now = ticker.nanos();
        long elapsed = now - updated;
        updated = now;
        if (elapsed <= 0 || available >= capacity) {
            return;
        }
        long untilFull = ceilDiv(capacity - available, perMinute);
        available = elapsed >= untilFull ? capacity : available + elapsed * perMinute;
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
