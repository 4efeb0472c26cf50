package dev.promptevo.executors.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.executors.http.CircuitBreaker.State;
import dev.promptevo.executors.http.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final FakeClock clock = new FakeClock();
    private final CircuitBreaker breaker = new CircuitBreaker(2, Duration.ofSeconds(10), clock);

    @Test
    void consecutiveFailuresOpenItAndASuccessInBetweenResetsTheCount() {
        assertThat(breaker.onFailure()).isFalse();
        breaker.onSuccess();
        assertThat(breaker.onFailure()).isFalse();
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.onFailure()).isTrue();

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(breaker.refusal())
                .contains("open after 2 consecutive failed attempts")
                .contains("10000 ms");
    }

    @Test
    void afterTheCooldownOneTrialGoesThroughAndDecides() {
        breaker.onFailure();
        breaker.onFailure();
        clock.advance(Duration.ofMillis(9_999));
        assertThat(breaker.tryAcquire()).isFalse();

        clock.advance(Duration.ofMillis(1));
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(breaker.refusal()).contains("a trial call is in flight");

        assertThat(breaker.onFailure()).isTrue();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();

        clock.advance(Duration.ofSeconds(10));
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void anAbandonedTrialFreesTheSlotForTheNextCaller() {
        breaker.onFailure();
        breaker.onFailure();
        clock.advance(Duration.ofSeconds(10));
        assertThat(breaker.tryAcquire()).isTrue();

        breaker.onAbandoned();

        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void thresholdZeroNeverOpens() {
        CircuitBreaker off = new CircuitBreaker(0, Duration.ofSeconds(10), clock);
        for (int i = 0; i < 100; i++) {
            assertThat(off.onFailure()).isFalse();
        }
        assertThat(off.tryAcquire()).isTrue();
    }
}
