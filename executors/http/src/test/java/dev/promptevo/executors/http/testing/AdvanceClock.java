package dev.promptevo.executors.http.testing;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;

/**
 * A WireMock transformer that moves a {@link FakeClock} forward while the server handles a request,
 * so the latency a backend measures around its HTTP exchange is exactly {@code step}.
 */
public final class AdvanceClock implements ResponseDefinitionTransformerV2 {
    public static final String NAME = "promptevo-advance-clock";

    private final FakeClock clock;
    private final Duration step;

    public AdvanceClock(FakeClock clock, Duration step) {
        this.clock = clock;
        this.step = step;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        clock.advance(step);
        return serveEvent.getResponseDefinition();
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
