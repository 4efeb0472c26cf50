package dev.promptevo.executors.http;

import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * What an HTTP backend takes from the world around it: time, waiting, randomness and environment
 * variables. {@link #system()} is the real world; tests pass fakes to make every wait exact.
 *
 * @param ticker the monotonic clock for latencies, rate limits and the circuit breaker's cool-down
 * @param sleeper performs every wait
 * @param wallClock the calendar time, only to read {@code Retry-After} given as an HTTP date
 * @param jitter draws the backoff jitter; it decides only when a retry is sent, never what a model
 *     answers, so it need not be seeded for a run to replay. Must be thread-safe
 * @param variables looks up environment variables (API keys); returns {@code null} for an unset one
 */
public record HttpEnvironment(
        Ticker ticker,
        Sleeper sleeper,
        InstantSource wallClock,
        RandomGenerator jitter,
        Function<String, String> variables) {

    public HttpEnvironment {
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(wallClock, "wallClock");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(variables, "variables");
    }

    /** The system clocks, {@link Thread#sleep}, a thread-local jitter source and {@link System#getenv}. */
    public static HttpEnvironment system() {
        RandomGenerator threadLocal = () -> ThreadLocalRandom.current().nextLong();
        return new HttpEnvironment(
                Ticker.system(), Sleeper.system(), InstantSource.system(), threadLocal, System::getenv);
    }
}
