package dev.promptevo.bench.moea;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptevo.bench.BenchCliAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MoeaBenchmarkTest {

    /**
     * A quality floor in the manner of jMetal's {@code NSGAIIIT}: PromptEvo's NSGA-II with SBX and
     * polynomial mutation reaches a normalized hypervolume of 0.62 on ZDT1 (the true front's is 2/3;
     * jMetal's NSGA-II reaches about 0.64) within 10,000 evaluations, on every seed tried.
     */
    @Test
    void promptEvosNsga2ReachesAHypervolumeFloorOnZdt1() throws InterruptedException {
        MoeaBenchmark benchmark = new MoeaBenchmark(
                new MoeaBenchmark.Settings(List.of(MoeaProblem.zdt1()), 1, 10_000, 100, 0, true), line -> {});
        NormalizedHypervolume hypervolume = new NormalizedHypervolume(MoeaProblem.zdt1());
        for (long seed = 1; seed <= 3; seed++) {
            double hv =
                    hypervolume.of(benchmark.promptEvo(MoeaProblem.zdt1(), seed).front());
            assertThat(hv).as("seed %d", seed).isGreaterThan(0.62);
        }
    }

    @Test
    void theSameSeedGivesTheSameFrontOnBothSides() throws InterruptedException {
        MoeaBenchmark benchmark = new MoeaBenchmark(
                new MoeaBenchmark.Settings(List.of(MoeaProblem.zdt2()), 1, 1_000, 20, 0, true), line -> {});

        assertThat(benchmark.promptEvo(MoeaProblem.zdt2(), 5).front())
                .usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(benchmark.promptEvo(MoeaProblem.zdt2(), 5).front());
        assertThat(benchmark.jmetal(MoeaProblem.zdt2(), 5).front())
                .usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(benchmark.jmetal(MoeaProblem.zdt2(), 5).front());
    }

    /** The fused variation draws what the two operators draw, in the same order: the same run. */
    @Test
    void theFusedVariationRunsLikeTheSeparateOperators() throws InterruptedException {
        for (MoeaProblem problem : List.of(MoeaProblem.zdt1(), MoeaProblem.dtlz2())) {
            MoeaBenchmark fused =
                    new MoeaBenchmark(new MoeaBenchmark.Settings(List.of(problem), 1, 1_000, 20, 0, true), line -> {});
            MoeaBenchmark separate =
                    new MoeaBenchmark(new MoeaBenchmark.Settings(List.of(problem), 1, 1_000, 20, 0, false), line -> {});

            assertThat(fused.promptEvo(problem, 9).front())
                    .usingRecursiveFieldByFieldElementComparator()
                    .isEqualTo(separate.promptEvo(problem, 9).front());
        }
    }

    @Test
    void theCommandPrintsATableAndWritesTheJson(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("moea.json");

        int exit = BenchCliAccess.execute(
                "moea",
                "--out",
                out.toString(),
                "--seeds",
                "2",
                "--evaluations",
                "600",
                "--population",
                "20",
                "--warmup",
                "0",
                "--problems",
                "ZDT1,DTLZ2");

        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(Files.readString(out));
        assertThat(json.path("problems")).hasSize(2);
        JsonNode zdt1 = json.path("problems").get(0);
        assertThat(zdt1.path("name").asText()).isEqualTo("ZDT1");
        for (String side : List.of("promptevo", "jmetal")) {
            assertThat(zdt1.path(side).path("hv")).hasSize(2);
            for (String field : List.of("hvMean", "hvStd", "wallMsMedian")) {
                assertThat(zdt1.path(side).path(field).isNumber())
                        .as(side + "." + field)
                        .isTrue();
            }
        }
        // So short a run may end with no point inside the normalized box: the HV ratio is then 0/0, null.
        assertThat(zdt1.has("hvRatio")).isTrue();
        assertThat(zdt1.path("wallRatio").asDouble()).isPositive();
        assertThat(json.path("problems").get(1).path("name").asText()).isEqualTo("DTLZ2");
    }
}
