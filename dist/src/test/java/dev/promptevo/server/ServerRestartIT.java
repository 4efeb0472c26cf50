package dev.promptevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restart promise, on the real server jar: a run interrupted by a stopped server (SIGTERM), and
 * again by a killed one (SIGKILL), resumes when the server starts again on the same data directory
 * and ends exactly as an uninterrupted run with the same seed on the same server: the same
 * generations (none twice), the same candidates and best, and the same spend in calls, tokens and
 * dollars (nothing billed twice). Each server is stopped in {@code finally} (try-with-resources).
 */
class ServerRestartIT {
    private static final Duration RUN_LIMIT = Duration.ofMinutes(4);

    @TempDir
    Path work;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void aRunInterruptedTwiceEndsAsAnUninterruptedRunWithTheSameSeed() throws Exception {
        long began = System.nanoTime();
        String runId;
        String request;
        int stoppedAfter;
        try (ServerProcess first = ServerProcess.start(work, 1)) {
            report("first start", first);
            request = runRequest(first);
            runId = startRun(first, request);
            JsonNode running = awaitGenerations(first, runId, 2);
            first.terminate();
            assertThat(running.path("status").asText()).isEqualTo("RUNNING");
            stoppedAfter = running.path("generationsCompleted").asInt();
        }
        int killedAfter;
        try (ServerProcess second = ServerProcess.start(work, 2)) {
            report("restart after SIGTERM", second);
            JsonNode running = awaitGenerations(second, runId, stoppedAfter + 2);
            second.kill();
            assertThat(Files.readString(second.log()))
                    .as("the second server resumes the run from its checkpoint")
                    .contains("run " + runId + " resumes after generation");
            assertThat(running.path("status").asText()).isEqualTo("RUNNING");
            killedAfter = running.path("generationsCompleted").asInt();
        }
        try (ServerProcess third = ServerProcess.start(work, 3)) {
            report("restart after SIGKILL", third);
            JsonNode resumed = awaitEnd(third, runId);
            assertThat(Files.readString(third.log())).contains("run " + runId + " resumes after generation");
            assertThat(resumed.path("status").asText()).as(resumed.toString()).isEqualTo("COMPLETED");
            assertThat(resumed.path("generationsCompleted").asInt()).isGreaterThan(killedAfter);

            String otherId = startRun(third, request);
            JsonNode uninterrupted = awaitEnd(third, otherId);
            assertThat(uninterrupted.path("status").asText()).isEqualTo("COMPLETED");

            JsonNode generations = third.get("/runs/" + runId + "/generations");
            List<Integer> indices = new ArrayList<>();
            generations.forEach(g -> indices.add(g.path("index").asInt()));
            assertThat(indices)
                    .as("every generation once, in order")
                    .isEqualTo(java.util.stream.IntStream.range(0, indices.size())
                            .boxed()
                            .toList());
            JsonNode reference = third.get("/runs/" + otherId + "/generations");
            assertThat(exact(generations)).isEqualTo(exact(reference));
            for (int i = 0; i < generations.size(); i++) {
                assertThat(generations.get(i).path("spent").path("costUsd").asDouble())
                        .as("generation %d's cost", i)
                        .isCloseTo(
                                reference.get(i).path("spent").path("costUsd").asDouble(), Offset.offset(1e-6));
            }
            for (String field : List.of("bestGenomeId", "bestComposite", "baseComposite", "stopReason")) {
                assertThat(resumed.path(field)).as(field).isEqualTo(uninterrupted.path(field));
            }
            for (String field : List.of("calls", "failedCalls", "tokens")) {
                assertThat(resumed.path("spent").path(field))
                        .as("spent." + field + ": not billed twice")
                        .isEqualTo(uninterrupted.path("spent").path(field));
            }
            assertThat(resumed.path("spent").path("costUsd").asDouble())
                    .isCloseTo(
                            uninterrupted.path("spent").path("costUsd").asDouble(),
                            org.assertj.core.data.Offset.offset(1e-9));
            JsonNode candidates = third.get("/runs/" + runId + "/candidates?limit=200");
            JsonNode referenceCandidates = third.get("/runs/" + otherId + "/candidates?limit=200");
            assertThat(candidates.path("total")).isEqualTo(referenceCandidates.path("total"));
            assertThat(candidates.path("items").findValuesAsText("genomeId"))
                    .isEqualTo(referenceCandidates.path("items").findValuesAsText("genomeId"));

            // The best's per-example evaluations, stored once each, are those of the uninterrupted run.
            String best = resumed.path("bestGenomeId").asText();
            JsonNode evaluations = third.get("/runs/" + runId + "/candidates/" + best + "/evaluations?limit=200");
            JsonNode referenceEvaluations =
                    third.get("/runs/" + otherId + "/candidates/" + best + "/evaluations?limit=200");
            assertThat(evaluations.path("total").asInt()).isPositive();
            assertThat(evaluations).isEqualTo(referenceEvaluations);

            // The third server's metrics: both runs' model calls (the resumed one's rest and all of the
            // other's), tokens, evaluations and dollars, counted for the simulated backend.
            String metrics = third.send("GET", "/../metrics", null).body();
            System.out.println("ServerRestartIT: /metrics after the runs:\n" + promptevoLines(metrics));
            assertThat(metric(metrics, "promptevo_model_calls"))
                    .isGreaterThanOrEqualTo(
                            uninterrupted.path("spent").path("calls").asDouble());
            assertThat(metric(metrics, "promptevo_model_tokens"))
                    .isGreaterThanOrEqualTo(
                            uninterrupted.path("spent").path("tokens").asDouble());
            assertThat(metric(metrics, "promptevo_evaluations")).isPositive();
            assertThat(metric(metrics, "promptevo_model_cost_usd")).isPositive();
        }
        System.out.printf(
                "ServerRestartIT: run stopped after generation %d, killed after %d; whole test %,d ms%n",
                stoppedAfter, killedAfter, (System.nanoTime() - began) / 1_000_000);
    }

    /** The value of the Prometheus sample of {@code name} (counter or gauge) for the simulated backend. */
    private static double metric(String metrics, String name) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + "_total{") || line.startsWith(name + "{"))
                .filter(line -> line.contains("backend=\"simulated\""))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no " + name + " sample for the simulated backend in /metrics:\n" + promptevoLines(metrics)));
    }

    private static String promptevoLines(String metrics) {
        return String.join(
                "\n", metrics.lines().filter(l -> l.contains("promptevo")).toList());
    }

    private static void report(String what, ServerProcess server) {
        System.out.printf(
                "promptevo-server.jar, %s: URL printed after %,d ms; %,d kB resident%n",
                what, server.readyMillis(), server.rssKb());
    }

    /** The preloaded example, long enough (30 generations, no early stop) to be interrupted twice. */
    private static String runRequest(ServerProcess server) throws Exception {
        String taskId = server.get("/tasks").path("items").get(0).path("id").asText();
        String datasetId =
                server.get("/datasets").path("items").get(0).path("id").asText();
        ObjectNode body = ServerProcess.JSON
                .createObjectNode()
                .put("taskId", taskId)
                .put("datasetId", datasetId)
                .put("population", 12)
                .put("generations", 30)
                .put("stagnationLimit", 30)
                .put("seed", 42);
        return body.toString();
    }

    private static String startRun(ServerProcess server, String request) throws Exception {
        HttpResponse<String> response = server.send("POST", "/runs", request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return ServerProcess.JSON.readTree(response.body()).path("id").asText();
    }

    /** Polls the run until it has completed {@code generations} generations (or ended). */
    private static JsonNode awaitGenerations(ServerProcess server, String runId, int generations) throws Exception {
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run = server.get("/runs/" + runId);
            if (run.path("generationsCompleted").asInt() >= generations
                    || !List.of("QUEUED", "RUNNING").contains(run.path("status").asText())) {
                return run;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("run " + runId + " did not complete " + generations + " generations within "
                + RUN_LIMIT + "; the end of the log:\n" + server.tail());
    }

    private static JsonNode awaitEnd(ServerProcess server, String runId) throws Exception {
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run = server.get("/runs/" + runId);
            if (!List.of("QUEUED", "RUNNING").contains(run.path("status").asText())) {
                return run;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(
                "run " + runId + " did not end within " + RUN_LIMIT + "; the end of the log:\n" + server.tail());
    }

    /**
     * The generations without what depends on the clock (when each was recorded, wall time spent) or
     * on the order concurrent calls happened to finish in (the last bits of the summed cost).
     */
    private static JsonNode exact(JsonNode generations) {
        ArrayNode copy = generations.deepCopy();
        copy.forEach(g -> {
            ((ObjectNode) g).remove("recordedAt");
            ((ObjectNode) g.path("spent")).remove(List.of("wallSeconds", "costUsd"));
        });
        return copy;
    }
}
