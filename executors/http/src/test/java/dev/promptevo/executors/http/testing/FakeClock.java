package dev.promptevo.executors.http.testing;

import dev.promptevo.executors.http.HttpEnvironment;
import dev.promptevo.executors.http.Sleeper;
import dev.promptevo.executors.http.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time that moves only when told: {@link #sleep} records the wait and moves the clock forward by it
 * at once, {@link #advance} moves it without a wait. Its ticker and its wall clock move together.
 * Thread-safe.
 */
public final class FakeClock implements Ticker, Sleeper, InstantSource {
    /** The wall-clock time at tick 0. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicLong nanos = new AtomicLong();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public long nanos() {
        return nanos.get();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before a fake sleep");
        }
        sleeps.add(duration);
        advance(duration);
    }

    @Override
    public Instant instant() {
        return START.plusNanos(nanos.get());
    }

    public void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    /** Every wait asked for, in order. */
    public List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    /**
     * An environment on this clock, with a jitter that always draws {@code jitterFraction} (so a backoff
     * of cap {@code c} waits exactly {@code jitterFraction * c}) and these environment variables.
     */
    public HttpEnvironment environment(double jitterFraction, Map<String, String> variables) {
        Map<String, String> copy = Map.copyOf(variables);
        return new HttpEnvironment(this, this, this, new FixedJitter(jitterFraction), copy::get);
    }
}
