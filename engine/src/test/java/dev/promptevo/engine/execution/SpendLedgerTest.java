package dev.promptevo.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ChatMessage;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelPrice;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse;
import dev.promptevo.api.model.TokenUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

public class SpendLedgerTest {
    private static final ModelPrice PRICE = new ModelPrice(1.0, 2.0);

    /** Answers after a short sleep with a random-looking but bounded usage, like a real provider. */
    public static final class SlowBackend implements ModelBackend {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final AtomicLong served = new AtomicLong();

        @Override
        public String id() {
            return "slow";
        }

        @Override
        public ModelResponse complete(ModelRequest request) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            long n = served.incrementAndGet();
            long prompt = request.promptText().length() / 4;
            long completion = 1 + (n * 7919) % request.maxTokens();
            return new ModelResponse(
                    "{}",
                    new TokenUsage(prompt, completion),
                    5,
                    ModelResponse.FinishReason.STOP,
                    PRICE.cost(prompt, completion));
        }

        @Override
        public Optional<ModelPrice> price(String model) {
            return Optional.of(PRICE);
        }
    }

    private static ModelRequest request() {
        return new ModelRequest(
                "m", List.of(ChatMessage.user("x".repeat(400))), 0.0, 500, OptionalLong.of(1), false, Map.of());
    }

    @Test
    void aUsdBudgetIsNeverExceededByConcurrentCalls() throws Exception {
        double cap = 0.05;
        SpendLedger ledger = new SpendLedger(Budget.UNLIMITED.withMaxUsd(cap), Clock.systemUTC());
        SlowBackend slow = new SlowBackend();
        BudgetedBackend backend = new BudgetedBackend(slow, ledger);
        AtomicInteger refused = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 400; i++) {
                pool.submit(() -> {
                    try {
                        backend.complete(request());
                    } catch (BudgetExhaustedException e) {
                        refused.incrementAndGet();
                    } catch (BackendException e) {
                        throw new AssertionError(e);
                    }
                    return null;
                });
            }
        }
        Spend spent = ledger.snapshot();
        assertThat(slow.maxInFlight.get()).as("calls really overlapped").isGreaterThan(1);
        assertThat(refused.get()).as("the cap was reached").isPositive();
        assertThat(spent.costUsd()).isLessThanOrEqualTo(cap);
        assertThat(spent.calls()).isEqualTo(slow.served.get());
        assertThat(ledger.exhausted()).isTrue();
    }

    @Test
    void aCallBudgetIsNeverExceededByConcurrentCalls() throws Exception {
        SpendLedger ledger = new SpendLedger(Budget.UNLIMITED.withMaxCalls(123), Clock.systemUTC());
        SlowBackend slow = new SlowBackend();
        BudgetedBackend backend = new BudgetedBackend(slow, ledger);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 300; i++) {
                pool.submit(() -> {
                    try {
                        backend.complete(request());
                    } catch (BackendException ignored) {
                        // refused: expected past the cap
                    }
                });
            }
        }
        assertThat(slow.served.get()).isEqualTo(123);
        assertThat(ledger.snapshot().calls()).isEqualTo(123);
    }

    @Test
    void anUnpricedModelIsRefusedUnderAUsdBudget() {
        SpendLedger ledger = new SpendLedger(Budget.UNLIMITED.withMaxUsd(1), Clock.systemUTC());
        assertThatThrownBy(() -> ledger.reserve(request(), Optional.empty()))
                .isInstanceOf(BudgetExhaustedException.class)
                .hasMessageContaining("has no price");
    }

    @Test
    void theWallTimeDeadlineRefusesCalls() throws Exception {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        MutableClock clock = new MutableClock(start);
        SpendLedger ledger = new SpendLedger(Budget.UNLIMITED.withMaxWallTime(Duration.ofSeconds(10)), clock);
        ledger.reserve(request(), Optional.of(PRICE));
        clock.now = start.plusSeconds(10);
        assertThatThrownBy(() -> ledger.reserve(request(), Optional.of(PRICE)))
                .hasMessageContaining("wall-time budget");
        assertThat(ledger.exhausted()).isTrue();
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
