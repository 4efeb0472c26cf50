package dev.promptevo.executors.http.testing;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts requests as they arrive, before any stubbed delay: a request whose client gave up (timed
 * out) during the delay is counted all the same, which WireMock's journal does not promise.
 */
public final class Arrivals implements ServeEventListener {
    public static final String NAME = "promptevo-arrivals";

    private final AtomicInteger count = new AtomicInteger();

    @Override
    public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
        count.incrementAndGet();
    }

    public int count() {
        return count.get();
    }

    @Override
    public String getName() {
        return NAME;
    }
}
