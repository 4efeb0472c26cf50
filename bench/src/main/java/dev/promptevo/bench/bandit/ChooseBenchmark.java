package dev.promptevo.bench.bandit;

import dev.promptevo.engine.bandit.ArmSpec;
import dev.promptevo.engine.bandit.BanditConfig;
import dev.promptevo.engine.bandit.ThompsonBandit;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * JMH: the latency of {@link ThompsonBandit#choose()} over K arms whose posteriors hold 100 rewards
 * each, in the textbook configuration (no floor, no split), so every decision samples all K
 * posteriors (the costliest path). Also a sticky decision, a reward, and {@code choose()} from two
 * threads on one shared bandit (were there a lock on the hot path, its latency would climb).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ChooseBenchmark {

    @Param({"10", "100"})
    public int arms;

    private ThompsonBandit bandit;
    private String[] ids;
    private String[] keys;
    private int next;

    @Setup
    public void setUp() {
        ids = IntStream.range(0, arms).mapToObj(i -> "genome-" + i).toArray(String[]::new);
        List<ArmSpec> specs =
                IntStream.range(0, arms).mapToObj(i -> ArmSpec.cold(ids[i])).toList();
        bandit = ThompsonBandit.create(BanditConfig.plain(1), specs);
        SplittableRandom random = new SplittableRandom(2);
        for (int round = 0; round < 100; round++) {
            for (int i = 0; i < arms; i++) {
                bandit.reward(ids[i], random.nextDouble() < 0.4 + 0.1 * i / arms ? 1 : 0);
            }
        }
        keys = IntStream.range(0, 4096).mapToObj(i -> "user-" + i).toArray(String[]::new);
    }

    @Benchmark
    public String choose() {
        return bandit.choose();
    }

    @Benchmark
    @Threads(2)
    public String chooseTwoThreads() {
        return bandit.choose();
    }

    @Benchmark
    public String chooseSticky() {
        next = (next + 1) & 4095;
        return bandit.choose(keys[next]);
    }

    @Benchmark
    public void reward() {
        next = (next + 1) & 4095;
        bandit.reward(ids[next % arms], (next & 3) / 3.0);
    }
}
