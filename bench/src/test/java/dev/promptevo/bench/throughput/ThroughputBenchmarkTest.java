package dev.promptevo.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptevo.bench.BenchCliAccess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Correctness only: the command runs and writes its fields. No timing is asserted. */
class ThroughputBenchmarkTest {
    private static final Path TASK = Path.of("..", "examples", "ticket-triage");

    @Test
    void theGenerationCountFollowsTheRequestedEvaluations() {
        // population 8, elite 2: 8 new candidates, then 6 per generation
        assertThat(ThroughputBenchmark.generationsFor(4000, 260, 8)).isEqualTo(2);
        assertThat(ThroughputBenchmark.generationsFor(8 * 260 + 3 * 6 * 260, 260, 8))
                .isEqualTo(4);
        assertThat(ThroughputBenchmark.generationsFor(10, 260, 8)).isEqualTo(1);
    }

    @Test
    void theCommandPrintsATableAndWritesTheJson(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("throughput.json");

        int exit = BenchCliAccess.execute(
                "throughput",
                "--out",
                out.toString(),
                "--task",
                TASK.toString(),
                "--examples",
                "40",
                "--evaluations",
                "300",
                "--population",
                "4",
                "--latency-ms",
                "5",
                "--concurrency",
                "8",
                "--repeats",
                "2");

        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertThat(json.get("benchmark").asText()).isEqualTo("throughput");
        assertThat(json.get("latencyMs").asDouble()).isEqualTo(5.0);
        assertThat(json.get("concurrency").asInt()).isEqualTo(8);
        assertThat(json.get("boundPerSecond").asDouble()).isEqualTo(1600.0);
        assertThat(json.get("repeats").asInt()).isEqualTo(2);
        for (String field :
                new String[] {"measuredPerSecond", "ratio", "overheadMicrosPerEval", "evaluationsPerSecond"}) {
            assertThat(json.get(field).isNumber()).as(field).isTrue();
            assertThat(json.get(field).asDouble()).as(field).isPositive();
        }
        assertThat(json.get("runs")).hasSize(2);
        for (JsonNode run : json.get("runs")) {
            // 40 examples x (4 + 2 + 2) candidates, each one call (three under consensus)
            assertThat(run.get("evaluations").asLong()).isBetween(200L, 400L);
            assertThat(run.get("taskCalls").asLong())
                    .isGreaterThanOrEqualTo(run.get("evaluations").asLong());
            assertThat(run.get("calls").asLong())
                    .isGreaterThanOrEqualTo(run.get("taskCalls").asLong());
        }
    }
}
