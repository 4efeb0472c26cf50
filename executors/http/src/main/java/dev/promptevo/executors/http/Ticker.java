package dev.promptevo.executors.http;

/**
 * A monotonic clock in nanoseconds, like {@link System#nanoTime()}: only differences between two
 * readings mean something. The resilience layer reads all its time from one, so a test can pass a fake
 * one and assert exact waits and latencies.
 */
@FunctionalInterface
public interface Ticker {

    long nanos();

    static Ticker system() {
        return System::nanoTime;
    }
}
