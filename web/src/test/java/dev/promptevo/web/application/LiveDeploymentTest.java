package dev.promptevo.web.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptevo.engine.bandit.ArmSpec;
import dev.promptevo.engine.bandit.BanditConfig;
import dev.promptevo.engine.bandit.ThompsonBandit;
import dev.promptevo.web.domain.deployment.TrafficCount;
import dev.promptevo.web.domain.security.Ownership;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The in-memory side of a deployment: decision counts per arm and time bucket, taken by the flush. */
class LiveDeploymentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-25T22:00:00Z");

    private final LiveDeployment deployment = new LiveDeployment(
            "d1",
            "t1",
            Optional.empty(),
            new Ownership("alice", null),
            Duration.ofDays(1),
            ThompsonBandit.create(BanditConfig.defaults(), List.of(ArmSpec.cold("a"), ArmSpec.cold("b"))),
            List.of(
                    new LiveDeployment.Arm(0, "a", JSON.createObjectNode()),
                    new LiveDeployment.Arm(1, "b", JSON.createObjectNode())),
            60);

    @Test
    void decisionsAreCountedPerArmAndMinuteAndTakenOnce() {
        IntStream.range(0, 1000)
                .parallel()
                .forEach(i ->
                        deployment.countDecision(deployment.arms().get(i % 2), T0.plusSeconds(i % 3 == 0 ? 59 : 61)));

        List<TrafficCount> pending = deployment.pendingTraffic();
        assertThat(pending.stream().mapToLong(TrafficCount::decisions).sum()).isEqualTo(1000);
        assertThat(pending).extracting(TrafficCount::bucketStart).containsOnly(T0, T0.plusSeconds(60));

        List<TrafficCount> taken = deployment.drainTraffic();
        assertThat(taken.stream().mapToLong(TrafficCount::decisions).sum()).isEqualTo(1000);
        assertThat(deployment.pendingTraffic()).isEmpty();

        deployment.restoreTraffic(taken);
        assertThat(deployment.pendingTraffic().stream()
                        .mapToLong(TrafficCount::decisions)
                        .sum())
                .as("a failed flush puts its counts back")
                .isEqualTo(1000);
    }

    @Test
    void armsAreFoundByGenomeAndPosition() {
        assertThat(deployment.arm("b").position()).isEqualTo(1);
        assertThat(deployment.arm(0).genomeId()).isEqualTo("a");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> deployment.arm(2))
                .isInstanceOf(dev.promptevo.web.domain.UnknownEntityException.class);
    }
}
