package dev.promptevo.executors.http.testing;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * A WireMock transformer that measures how many requests are in flight at once, without timing
 * guesses. Requests are held in groups of {@code groupSize} by order of arrival: each waits inside
 * the server until its whole group has arrived, so a client allowed {@code groupSize} concurrent
 * requests reaches exactly that many in flight, and a client allowed more exceeds it. A request leaves
 * the count before its answer is sent, and a client frees its slot only after the answer, so a
 * well-behaved client never shows more than its limit. A group that never completes is released after
 * a deadline, so a broken client fails the test instead of hanging it.
 */
public final class InFlightGate implements ResponseDefinitionTransformerV2 {
    public static final String NAME = "promptevo-in-flight-gate";
    private static final long DEADLINE_MS = 5_000;

    private final int groupSize;
    private int arrived;
    private int inFlight;
    private int maxInFlight;

    public InFlightGate(int groupSize) {
        this.groupSize = groupSize;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        synchronized (this) {
            arrived++;
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            int groupComplete = ((arrived + groupSize - 1) / groupSize) * groupSize;
            notifyAll();
            long deadline = System.currentTimeMillis() + DEADLINE_MS;
            try {
                while (arrived < groupComplete && System.currentTimeMillis() < deadline) {
                    wait(Math.max(1, deadline - System.currentTimeMillis()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight--;
            }
        }
        return serveEvent.getResponseDefinition();
    }

    public synchronized int maxInFlight() {
        return maxInFlight;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
