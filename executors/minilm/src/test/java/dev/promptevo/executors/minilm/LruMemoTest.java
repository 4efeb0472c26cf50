package dev.promptevo.executors.minilm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LruMemoTest {

    @Test
    void computesAKeyOnce() {
        LruMemo<String, Integer> memo = new LruMemo<>(4);
        AtomicInteger computed = new AtomicInteger();

        memo.get("a", key -> computed.incrementAndGet());
        memo.get("a", key -> computed.incrementAndGet());

        assertThat(computed).hasValue(1);
    }

    @Test
    void evictsTheLeastRecentlyUsedKey() {
        LruMemo<String, String> memo = new LruMemo<>(2);
        memo.get("a", key -> "first a");
        memo.get("b", key -> "b");
        memo.get("a", key -> "second a");
        memo.get("c", key -> "c");

        assertThat(memo.size()).isEqualTo(2);
        assertThat(memo.get("a", key -> "third a")).isEqualTo("first a");
        assertThat(memo.get("b", key -> "recomputed b")).isEqualTo("recomputed b");
    }

    @Test
    void doesNotRememberAFailure() {
        LruMemo<String, String> memo = new LruMemo<>(2);

        assertThatThrownBy(() -> memo.get("a", key -> {
                    throw new IllegalStateException("model missing");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("model missing");
        assertThat(memo.get("a", key -> "now")).isEqualTo("now");
    }

    @Test
    void threadsAskingForTheSameMissingKeyWaitForOneComputation() throws Exception {
        LruMemo<String, Integer> memo = new LruMemo<>(2);
        AtomicInteger computed = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> memo.get("query", key -> {
                    computed.incrementAndGet();
                    await(release);
                    return 42;
                })));
            }
            Thread.sleep(50);
            release.countDown();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo(42);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(computed).hasValue(1);
    }

    @Test
    void rejectsANonPositiveCapacity() {
        assertThatThrownBy(() -> new LruMemo<String, String>(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
