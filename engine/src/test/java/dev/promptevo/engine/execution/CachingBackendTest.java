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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingBackendTest {

    /**
     * Answers with a text that counts its calls, so a reused answer is told apart from a new one;
     * replays the requests {@code replays} accepts; fails the calls {@code fails} accepts.
     */
    static final class CountingBackend implements ModelBackend {
        final AtomicInteger calls = new AtomicInteger();
        final Predicate<ModelRequest> replays;
        final Predicate<ModelRequest> fails;

        CountingBackend(Predicate<ModelRequest> replays, Predicate<ModelRequest> fails) {
            this.replays = replays;
            this.fails = fails;
        }

        @Override
        public String id() {
            return "counting";
        }

        @Override
        public ModelResponse complete(ModelRequest request) throws BackendException {
            int n = calls.incrementAndGet();
            if (fails.test(request)) {
                throw new BackendException("503 from the fake", true);
            }
            return new ModelResponse(
                    "answer " + n, new TokenUsage(100, 20), 250.0, ModelResponse.FinishReason.STOP, 0.001);
        }

        @Override
        public Optional<ModelPrice> price(String model) {
            return Optional.of(new ModelPrice(1.0, 2.0));
        }

        @Override
        public Optional<String> replayScope(ModelRequest request) {
            return replays.test(request) ? Optional.of("counting v1") : Optional.empty();
        }
    }

    static ModelRequest request(String genome, String example, double temperature, long seed, String prompt) {
        return new ModelRequest(
                "m",
                List.of(ChatMessage.user(prompt)),
                temperature,
                64,
                OptionalLong.of(seed),
                true,
                Map.of(ModelRequest.GENOME_ID, genome, ModelRequest.EXAMPLE_ID, example));
    }

    @Test
    void aDeterministicCallIsMadeOnceAndItsAnswerReusedWithoutTouchingTheLedger() throws BackendException {
        CountingBackend raw = new CountingBackend(r -> true, r -> false);
        SpendLedger ledger = new SpendLedger(Budget.UNLIMITED, Clock.systemUTC());
        CachingBackend cached = new CachingBackend(new BudgetedBackend(raw, ledger), EvaluationCache.inMemory());

        ModelResponse first = cached.complete(request("g1", "e1", 0.7, 1, "hello"));
        ModelResponse again = cached.complete(request("g1", "e1", 0.7, 1, "hello"));

        assertThat(again).isEqualTo(first);
        assertThat(raw.calls).hasValue(1);
        assertThat(ledger.snapshot().calls()).isEqualTo(1);
        assertThat(ledger.snapshot().costUsd()).isEqualTo(0.001);
        assertThat(cached.stats()).isEqualTo(new CacheStats(1, 1, 0, 0.001, 120));
    }

    @Test
    void genomeExampleSampleSeedAndPromptEachMakeAnotherKey() throws BackendException {
        CountingBackend raw = new CountingBackend(r -> true, r -> false);
        CachingBackend cached = new CachingBackend(raw, EvaluationCache.inMemory());
        cached.complete(request("g1", "e1", 0.7, 1, "hello"));
        cached.complete(request("g2", "e1", 0.7, 1, "hello"));
        cached.complete(request("g1", "e2", 0.7, 1, "hello"));
        cached.complete(request("g1", "e1", 0.7, 2, "hello"));
        cached.complete(request("g1", "e1", 0.7, 1, "hello, changed template"));
        cached.complete(request("g1", "e1", 0.0, 1, "hello"));
        assertThat(raw.calls).hasValue(6);
        assertThat(cached.stats().hits()).isZero();
        assertThat(CacheKey.of("counting v1", request("g1", "e1", 0.7, 1, "hello")))
                .as("another backend configuration is another key")
                .isNotEqualTo(CacheKey.of("counting v2", request("g1", "e1", 0.7, 1, "hello")))
                .isEqualTo(CacheKey.of("counting v1", request("g1", "e1", 0.7, 1, "hello")));
    }

    @Test
    void aCallTheBackendCannotReplayIsNeverStoredNorReused() throws BackendException {
        CountingBackend raw = new CountingBackend(r -> r.temperature() == 0, r -> false);
        EvaluationCache store = EvaluationCache.inMemory();
        CachingBackend cached = new CachingBackend(raw, store);
        ModelResponse first = cached.complete(request("g1", "e1", 0.7, 1, "hello"));
        ModelResponse second = cached.complete(request("g1", "e1", 0.7, 1, "hello"));
        assertThat(second.text()).isNotEqualTo(first.text());
        assertThat(store.size()).isZero();
        cached.complete(request("g1", "e1", 0.0, 1, "hello"));
        cached.complete(request("g1", "e1", 0.0, 1, "hello"));
        assertThat(raw.calls).hasValue(3);
        assertThat(cached.stats())
                .extracting(CacheStats::hits, CacheStats::misses, CacheStats::uncacheable)
                .containsExactly(1L, 1L, 2L);
    }

    @Test
    void aFailedCallIsNotStoredSoTheNextTryIsMade() {
        AtomicInteger failures = new AtomicInteger(1);
        CountingBackend raw = new CountingBackend(r -> true, r -> failures.getAndDecrement() > 0);
        CachingBackend cached = new CachingBackend(raw, EvaluationCache.inMemory());
        assertThatThrownBy(() -> cached.complete(request("g1", "e1", 0, 1, "hello")))
                .isInstanceOf(BackendException.class);
        assertThat(cached.stats().misses()).isEqualTo(1);
        try {
            assertThat(cached.complete(request("g1", "e1", 0, 1, "hello")).text())
                    .isEqualTo("answer 2");
        } catch (BackendException e) {
            throw new AssertionError(e);
        }
        assertThat(raw.calls).hasValue(2);
    }

    @Test
    void aFileCacheOutlivesItsProcessAndKeepsEveryFieldOfTheAnswer(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/cache.jsonl");
        ModelRequest request = request("g1", "e1", 0.3, 9, "hello \"quoted\"\nnext line");
        CacheKey key = CacheKey.of("scope", request);
        ModelResponse answer = new ModelResponse(
                "{\"a\": 1}\nReasoning: é",
                new TokenUsage(321, 45),
                1234.5,
                ModelResponse.FinishReason.LENGTH,
                0.00042);
        try (FileEvaluationCache cache = FileEvaluationCache.open(file)) {
            cache.put(key, answer);
            cache.put(key, answer);
        }
        assertThat(Files.readAllLines(file)).hasSize(2);
        try (FileEvaluationCache reopened = FileEvaluationCache.open(file)) {
            assertThat(reopened.size()).isEqualTo(1);
            assertThat(reopened.get(key)).contains(answer);
            assertThat(reopened.get(CacheKey.of("other scope", request))).isEmpty();
        }
        assertThat(Files.readString(file)).contains("\"genome\":\"g1\"", "\"example\":\"e1\"");
    }

    @Test
    void aLineCutByAKilledRunIsDroppedAndTheFileStaysUsable(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cache.jsonl");
        CacheKey kept = CacheKey.of("s", request("g1", "e1", 0, 1, "a"));
        CacheKey later = CacheKey.of("s", request("g2", "e1", 0, 1, "a"));
        ModelResponse answer = new ModelResponse("x", new TokenUsage(1, 1), 1, ModelResponse.FinishReason.STOP, 0);
        try (FileEvaluationCache cache = FileEvaluationCache.open(file)) {
            cache.put(kept, answer);
        }
        Files.writeString(
                file,
                "{\"key\":\"" + later.digest() + "\",\"text\":\"half",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        try (FileEvaluationCache cache = FileEvaluationCache.open(file)) {
            assertThat(cache.size()).isEqualTo(1);
            cache.put(later, answer);
        }
        try (FileEvaluationCache cache = FileEvaluationCache.open(file)) {
            assertThat(cache.get(kept)).contains(answer);
            assertThat(cache.get(later)).contains(answer);
        }
    }

    @Test
    void aFileThatIsNotACacheOrHasABrokenLineIsRefusedWithTheLine(@TempDir Path dir) throws IOException {
        Path notACache = dir.resolve("result.json");
        Files.writeString(notACache, "{\"task\": \"x\"}\n");
        assertThatThrownBy(() -> FileEvaluationCache.open(notACache))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an evaluation cache");

        Path broken = dir.resolve("cache.jsonl");
        try (FileEvaluationCache cache = FileEvaluationCache.open(broken)) {
            cache.put(
                    CacheKey.of("s", request("g1", "e1", 0, 1, "a")),
                    new ModelResponse("x", new TokenUsage(1, 1), 1, ModelResponse.FinishReason.STOP, 0));
        }
        Files.writeString(
                broken, "{\"key\": \"zz\"}\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> FileEvaluationCache.open(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3");
    }
}
