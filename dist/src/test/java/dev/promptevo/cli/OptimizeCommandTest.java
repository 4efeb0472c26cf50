package dev.promptevo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command as a user runs it, on the bundled example and the simulated backend. */
class OptimizeCommandTest {
    private static final Path EXAMPLE = Path.of("../examples/ticket-triage");

    @TempDir
    Path tmp;

    record Outcome(int exitCode, String out, String err) {}

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = PromptEvoCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void aSeededRunOnTheExampleBeatsTheBaseAndWritesTheResult() throws IOException {
        Path result = tmp.resolve("result.json");
        Outcome outcome = run(
                "optimize",
                EXAMPLE.toString(),
                "--seed",
                "1",
                "--generations",
                "6",
                "--population",
                "12",
                "--out",
                result.toString(),
                "--no-progress");
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("Best genome vs base", "Pareto-optimal candidates", "Spent:");

        JsonNode json = new ObjectMapper().readTree(result.toFile());
        for (String section : new String[] {"base", "best"}) {
            assertThat(json.path(section).path("genomeId").asText()).hasSize(16);
            assertThat(json.path(section).path("genome").path("model_key").isTextual())
                    .isTrue();
            assertThat(json.path(section).path("metrics").path("latencyP95Ms").isNumber())
                    .isTrue();
            assertThat(json.path(section).path("composite").isNumber()).isTrue();
        }
        assertThat(json.path("best").path("composite").asDouble())
                .isGreaterThan(json.path("base").path("composite").asDouble());
        assertThat(json.path("paretoFront")).isNotEmpty();
        assertThat(json.path("paretoFront").get(0).path("objectives").has("quality"))
                .isTrue();
        assertThat(json.path("generations")).isNotEmpty();
        JsonNode firstGeneration = json.path("generations").get(0);
        assertThat(firstGeneration.has("index")
                        && firstGeneration.has("bestComposite")
                        && firstGeneration.has("medianComposite")
                        && firstGeneration.has("evaluations"))
                .isTrue();
        JsonNode spent = json.path("spent");
        assertThat(spent.path("calls").asLong()).isPositive();
        assertThat(spent.path("tokens").asLong()).isPositive();
        assertThat(spent.path("costUsd").asDouble()).isPositive();
        assertThat(spent.has("wallSeconds")).isTrue();
    }

    @Test
    void theSameSeedGivesTheSameBestGenome() throws IOException {
        Path first = tmp.resolve("a.json");
        Path second = tmp.resolve("b.json");
        String[] common = {
            "optimize",
            EXAMPLE.toString(),
            "--seed",
            "5",
            "--generations",
            "3",
            "--population",
            "8",
            "--no-progress",
            "--out"
        };
        assertThat(run(concat(common, first.toString())).exitCode()).isZero();
        assertThat(run(concat(common, second.toString())).exitCode()).isZero();
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(first.toFile());
        JsonNode b = json.readTree(second.toFile());
        assertThat(b.path("best")).isEqualTo(a.path("best"));
        assertThat(b.path("candidates")).isEqualTo(a.path("candidates"));
    }

    @Test
    void aSecondRunWithTheCacheFileMakesNoModelCallAndFindsTheSame() throws IOException {
        Path cache = tmp.resolve("cache/evaluations.jsonl");
        Path first = tmp.resolve("first.json");
        Path second = tmp.resolve("second.json");
        String[] common = {
            "optimize",
            EXAMPLE.toString(),
            "--seed",
            "5",
            "--generations",
            "3",
            "--population",
            "8",
            "--no-progress",
            "--cache",
            cache.toString(),
            "--out"
        };
        Outcome one = run(concat(common, first.toString()));
        Outcome two = run(concat(common, second.toString()));
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(two.exitCode()).as(two.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(first.toFile());
        JsonNode b = json.readTree(second.toFile());
        long calls = a.path("spent").path("calls").asLong();
        assertThat(calls).isPositive();
        assertThat(a.path("cache").path("hits").asLong()).isZero();
        assertThat(a.path("cache").path("misses").asLong()).isEqualTo(calls);
        assertThat(b.path("spent").path("calls").asLong()).isZero();
        assertThat(b.path("spent").path("costUsd").asDouble()).isZero();
        assertThat(b.path("cache").path("hits").asLong()).isEqualTo(calls);
        assertThat(b.path("cache").path("savedUsd").asDouble())
                .isCloseTo(a.path("spent").path("costUsd").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(b.path("best")).isEqualTo(a.path("best"));
        assertThat(b.path("candidates")).isEqualTo(a.path("candidates"));
        assertThat(two.out()).contains("Cache: " + calls + " calls answered from the cache (100.0%");
    }

    @Test
    void aFileThatIsNotAnEvaluationCacheStopsTheRunBeforeAnyCall() throws IOException {
        Path notACache = tmp.resolve("result.json");
        Files.writeString(notACache, "{\"task\": \"ticket-triage\"}\n");
        Outcome outcome = run("optimize", EXAMPLE.toString(), "--cache", notACache.toString(), "--no-progress");
        assertThat(outcome.exitCode()).isEqualTo(OptimizeCommand.BAD_SETUP);
        assertThat(outcome.err()).contains("cannot use the evaluation cache", "is not an evaluation cache");
        assertThat(Files.readString(notACache)).isEqualTo("{\"task\": \"ticket-triage\"}\n");
    }

    @Test
    void aCallBudgetIsHonoured() throws IOException {
        Path result = tmp.resolve("budget.json");
        Outcome outcome =
                run("optimize", EXAMPLE.toString(), "--max-calls", "1500", "--no-progress", "--out", result.toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.toFile());
        assertThat(json.path("spent").path("calls").asLong()).isLessThanOrEqualTo(1500);
        assertThat(json.path("stopReason").asText()).isEqualTo("BUDGET");
    }

    @Test
    void modelsGivenOnTheCommandLineReplaceTheTasksAndAnEstimateComesFirst() throws IOException {
        Path result = tmp.resolve("models.json");
        Outcome outcome = run(
                "optimize",
                EXAMPLE.toString(),
                "--model",
                "sim-small",
                "--model",
                "sim-medium",
                "--generations",
                "3",
                "--population",
                "8",
                "--no-progress",
                "--out",
                result.toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out().indexOf("Pre-run estimate: about"))
                .isPositive()
                .isLessThan(outcome.out().indexOf("Best genome vs base"));
        JsonNode json = new ObjectMapper().readTree(result.toFile());
        assertThat(json.path("base").path("genome").path("model_key").asText()).isEqualTo("sim-small");
        assertThat(json.path("paretoFront").findValuesAsText("model_key"))
                .isNotEmpty()
                .allMatch(m -> m.equals("sim-small") || m.equals("sim-medium"));
    }

    @Test
    void aRunResumedFromItsCheckpointEndsWhereAnUninterruptedRunEnds() throws IOException {
        Path whole = tmp.resolve("whole.json");
        Path partial = tmp.resolve("partial.json");
        Path resumed = tmp.resolve("resumed.json");
        Path checkpoint = tmp.resolve("run.checkpoint.json");
        String[] common = {"optimize", EXAMPLE.toString(), "--seed", "3", "--population", "8", "--no-progress"};
        assertThat(run(concat(common, "--generations", "4", "--out", whole.toString()))
                        .exitCode())
                .isZero();
        // an "interrupted" run: the same run stopped after two generations, its state saved
        assertThat(run(concat(
                                common,
                                "--generations",
                                "2",
                                "--checkpoint",
                                checkpoint.toString(),
                                "--out",
                                partial.toString()))
                        .exitCode())
                .isZero();
        Outcome outcome = run(
                concat(common, "--generations", "4", "--resume", checkpoint.toString(), "--out", resumed.toString()));
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(whole.toFile());
        JsonNode b = json.readTree(resumed.toFile());
        assertThat(b.path("best").path("genomeId")).isEqualTo(a.path("best").path("genomeId"));
        assertThat(b.path("candidates")).isEqualTo(a.path("candidates"));
        assertThat(b.path("spent").path("calls")).isEqualTo(a.path("spent").path("calls"));
    }

    @Test
    void paretoSelectionRunsNsga2AndReportsItsFront() throws IOException {
        Path result = tmp.resolve("pareto.json");
        Outcome outcome = run(
                "optimize",
                EXAMPLE.toString(),
                "--selection",
                "pareto",
                "--generations",
                "3",
                "--population",
                "8",
                "--no-progress",
                "--out",
                result.toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.toFile());
        assertThat(json.path("rejectedCandidates").asInt())
                .as("racing on quality against the first front")
                .isPositive();
        assertThat(json.path("paretoFront").size())
                .as("a front, not one winner")
                .isGreaterThan(1);
        assertThat(json.path("best").path("composite").asDouble())
                .isGreaterThan(json.path("base").path("composite").asDouble());
    }

    @Test
    void aUsdBudgetIsHonoured() throws IOException {
        Path result = tmp.resolve("usd.json");
        Outcome outcome =
                run("optimize", EXAMPLE.toString(), "--max-usd", "3.5", "--no-progress", "--out", result.toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.toFile());
        assertThat(json.path("spent").path("costUsd").asDouble())
                .isLessThanOrEqualTo(3.5)
                .isGreaterThan(3.0);
        assertThat(json.path("stopReason").asText()).isEqualTo("BUDGET");
    }

    @Test
    void badTaskDirectoriesGetAClearMessageAndExitCode3() throws IOException {
        Outcome missing = run("optimize", tmp.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("not a directory");

        Files.writeString(tmp.resolve("task.json"), "{\"id\": \"x\",");
        Outcome broken = run("optimize", tmp.toString());
        assertThat(broken.exitCode()).isEqualTo(3);
        assertThat(broken.err()).contains("task.json: not valid JSON");
    }

    @Test
    void badArgumentsExitWith2() {
        assertThat(run("optimize").exitCode()).isEqualTo(2);
        assertThat(run("optimize", EXAMPLE.toString(), "--generations", "many").exitCode())
                .isEqualTo(2);
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
