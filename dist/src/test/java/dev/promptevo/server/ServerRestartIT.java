package dev.promptevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code promptevo-server.jar}, started as a user starts it ({@code java -jar ... --port N})
 * three times in one working directory, and the restart promise on it. The first start is a fresh
 * install: it prints its URL and, once, the admin token (kept in a file only its user may read), the
 * API refuses requests without the token, and the bundled example is there to run.
 *
 * <p>Run A is interrupted by a stopped server (SIGTERM), and again by a killed one (SIGKILL); run C
 * (the same request) is killed before its first generation completed. Both resume when the server
 * starts again on the same data directory and end exactly as an uninterrupted run B with the same
 * seed on the same server: the same generations (none twice), the same candidates and best, the same
 * spend in calls, tokens and dollars (nothing billed twice), and the same number of model calls sent
 * to the backend over all three lifetimes ({@code backendCalls}: the calls answered from the runs'
 * records after a restart were not sent again), which for B is what the server's metrics counted.
 * The first server runs one run at a time ({@code promptevo.runs.max-parallel=1}): the runs started
 * after A wait QUEUED (in the API and the event stream), one is cancelled while it waits, the other
 * waits through the restart and runs on the second server (two at a time). Each server is stopped in
 * {@code finally} (try-with-resources).
 */
class ServerRestartIT {
    private static final Duration RUN_LIMIT = Duration.ofMinutes(4);

    @TempDir
    Path work;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void runsInterruptedByAStopAndAKillEndAsAnUninterruptedRunWithTheSameSeed() throws Exception {
        long began = System.nanoTime();
        String runId;
        String waiting;
        String request;
        int stoppedAfter;
        try (ServerProcess first = ServerProcess.start(work, 1, "-Dpromptevo.runs.max-parallel=1")) {
            report("first start", first);
            aFreshInstall(first);
            request = runRequest(first);
            runId = startRun(first, request);
            String cancelled = startRun(first, smallRun(first, 7));
            waiting = startRun(first, smallRun(first, 8));
            assertThat(first.get("/runs/" + cancelled).path("status").asText()).isEqualTo("QUEUED");
            assertThat(ServerProcess.JSON
                            .readTree(first.firstEvent("/runs/" + waiting + "/events"))
                            .path("status")
                            .asText())
                    .as("the event stream shows the queued run waiting")
                    .isEqualTo("QUEUED");
            HttpResponse<String> cancel = first.send("POST", "/runs/" + cancelled + "/cancel", null);
            assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
            assertThat(first.get("/runs/" + cancelled).path("status").asText()).isEqualTo("CANCELLED");

            JsonNode running = awaitCallsInGeneration(first, runId, 2, 200);
            String stillWaiting = first.get("/runs/" + waiting).path("status").asText();
            first.terminate();
            assertThat(running.path("status").asText()).isEqualTo("RUNNING");
            assertThat(stillWaiting).as("one slot, taken by A").isEqualTo("QUEUED");
            stoppedAfter = running.path("generationsCompleted").asInt();
        }
        int killedAfter;
        String beforeFirstGeneration;
        try (ServerProcess second = ServerProcess.start(work, 2, "-Dpromptevo.runs.max-parallel=2")) {
            report("restart after SIGTERM", second);
            assertThat(second.awaitEnd(waiting, RUN_LIMIT).path("status").asText())
                    .as("the queued run waited through the restart, then ran")
                    .isEqualTo("COMPLETED");
            awaitGenerations(second, runId, stoppedAfter + 1);
            // C takes the slot the queued run freed, makes calls, and the server is killed before C
            // completes its first generation.
            // What A shows is read first: on a quiet machine C's first generation takes a few hundred
            // milliseconds, so C is killed as soon as it runs (the third server's log then says that it
            // resumes from its start, which shows it had completed no generation).
            String metrics = second.send("GET", "/../metrics", null).body();
            JsonNode running = second.get("/runs/" + runId);
            // The server writes its log asynchronously: a SIGKILL right after C starts would lose lines.
            awaitLogLine(second, "run " + runId + " resumes after generation");
            beforeFirstGeneration = startRun(second, request);
            awaitStatus(second, beforeFirstGeneration, "RUNNING");
            second.kill();
            assertThat(Files.readString(second.log()))
                    .as("the second server resumes A from its checkpoint")
                    .contains("run " + runId + " resumes after generation");
            assertThat(metric(metrics, "promptevo_model_calls_replayed"))
                    .as("calls completed before the SIGTERM are answered from their records")
                    .isPositive();
            assertThat(running.path("status").asText()).isEqualTo("RUNNING");
            killedAfter = running.path("generationsCompleted").asInt();
        }
        try (ServerProcess third = ServerProcess.start(work, 3, "-Dpromptevo.runs.max-parallel=2")) {
            report("restart after SIGKILL", third);
            JsonNode resumed = third.awaitEnd(runId, RUN_LIMIT);
            JsonNode resumedFromStart = third.awaitEnd(beforeFirstGeneration, RUN_LIMIT);
            assertThat(Files.readString(third.log()))
                    .contains("run " + runId + " resumes after generation")
                    .contains("run " + beforeFirstGeneration + " resumes from its start");
            assertThat(resumed.path("status").asText()).as(resumed.toString()).isEqualTo("COMPLETED");
            assertThat(resumedFromStart.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(resumed.path("generationsCompleted").asInt()).isGreaterThan(killedAfter);

            // The uninterrupted run alone on the server: its calls are all the metrics count meanwhile.
            double callsBefore = metric(third.send("GET", "/../metrics", null).body(), "promptevo_model_calls");
            String otherId = startRun(third, request);
            JsonNode uninterrupted = third.awaitEnd(otherId, RUN_LIMIT);
            assertThat(uninterrupted.path("status").asText()).isEqualTo("COMPLETED");
            String metrics = third.send("GET", "/../metrics", null).body();
            System.out.println("ServerRestartIT: /metrics after the runs:\n" + promptevoLines(metrics));
            long sent = uninterrupted.path("backendCalls").asLong();
            assertThat(metric(metrics, "promptevo_model_calls") - callsBefore)
                    .as("B's calls, as the metrics counted them")
                    .isEqualTo(sent);
            assertThat(sent).isEqualTo(uninterrupted.path("spent").path("calls").asLong());

            for (JsonNode interrupted : List.of(resumed, resumedFromStart)) {
                String id = interrupted.path("id").asText();
                assertThat(interrupted.path("backendCalls").asLong())
                        .as("calls run %s sent over the server lifetimes: none twice", id)
                        .isEqualTo(sent);
                assertSameRun(third, interrupted, uninterrupted);
            }
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

    /** What a first start in an empty directory shows: the token printed once and kept, the example. */
    private void aFreshInstall(ServerProcess server) throws Exception {
        Path tokenFile = work.resolve("promptevo-data/security/admin.token");
        String token = server.adminToken();
        assertThat(Files.readString(server.log()))
                .contains("PromptEvo admin token (printed this once; stored in ")
                .contains(token);
        assertThat(Files.getPosixFilePermissions(tokenFile))
                .as("the token file is its user's alone")
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(server.anonymous("/tasks").statusCode()).isEqualTo(401);
        JsonNode tasks = server.get("/tasks");
        assertThat(tasks.path("items").findValuesAsText("name")).containsExactly("Support ticket triage");
        JsonNode task =
                server.get("/tasks/" + tasks.path("items").get(0).path("id").asText());
        assertThat(task.path("definition").path("documents")).isNotEmpty();
        assertThat(server.get("/datasets").path("items")).singleElement().satisfies(dataset -> {
            assertThat(dataset.path("name").asText()).isEqualTo("ticket-triage");
            assertThat(dataset.path("examples").asInt()).isEqualTo(260);
        });
        assertThat(work.resolve("promptevo-data"))
                .as("the embedded database, under the working directory")
                .isDirectory();
    }

    /** {@code run} ended exactly as {@code reference}, the same request run without interruption. */
    private static void assertSameRun(ServerProcess server, JsonNode run, JsonNode reference) throws Exception {
        String runId = run.path("id").asText();
        String otherId = reference.path("id").asText();
        JsonNode generations = server.get("/runs/" + runId + "/generations");
        List<Integer> indices = new ArrayList<>();
        generations.forEach(g -> indices.add(g.path("index").asInt()));
        assertThat(indices)
                .as("every generation once, in order")
                .isEqualTo(IntStream.range(0, indices.size()).boxed().toList());
        JsonNode referenceGenerations = server.get("/runs/" + otherId + "/generations");
        assertThat(exact(generations)).isEqualTo(exact(referenceGenerations));
        for (int i = 0; i < generations.size(); i++) {
            assertThat(generations.get(i).path("spent").path("costUsd").asDouble())
                    .as("generation %d's cost", i)
                    .isCloseTo(
                            referenceGenerations
                                    .get(i)
                                    .path("spent")
                                    .path("costUsd")
                                    .asDouble(),
                            Offset.offset(1e-6));
        }
        for (String field : List.of("bestGenomeId", "bestComposite", "baseComposite", "stopReason")) {
            assertThat(run.path(field)).as(field).isEqualTo(reference.path(field));
        }
        for (String field : List.of("calls", "failedCalls", "tokens")) {
            assertThat(run.path("spent").path(field))
                    .as("spent." + field + ": not billed twice")
                    .isEqualTo(reference.path("spent").path(field));
        }
        assertThat(run.path("spent").path("costUsd").asDouble())
                .isCloseTo(reference.path("spent").path("costUsd").asDouble(), Offset.offset(1e-9));
        JsonNode candidates = server.get("/runs/" + runId + "/candidates?limit=200");
        JsonNode referenceCandidates = server.get("/runs/" + otherId + "/candidates?limit=200");
        assertThat(candidates.path("total")).isEqualTo(referenceCandidates.path("total"));
        assertThat(candidates.path("items").findValuesAsText("genomeId"))
                .isEqualTo(referenceCandidates.path("items").findValuesAsText("genomeId"));

        // The best's per-example evaluations, stored once each, are those of the uninterrupted run.
        String best = run.path("bestGenomeId").asText();
        JsonNode evaluations = server.get("/runs/" + runId + "/candidates/" + best + "/evaluations?limit=200");
        JsonNode referenceEvaluations =
                server.get("/runs/" + otherId + "/candidates/" + best + "/evaluations?limit=200");
        assertThat(evaluations.path("total").asInt()).isPositive();
        assertThat(evaluations).isEqualTo(referenceEvaluations);
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

    /** A small run of the example (4 genomes, 2 generations) with its own seed. */
    private static String smallRun(ServerProcess server, long seed) throws Exception {
        ObjectNode body = (ObjectNode) ServerProcess.JSON.readTree(runRequest(server));
        return body.put("population", 4).put("generations", 2).put("seed", seed).toString();
    }

    private static void awaitLogLine(ServerProcess server, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.readString(server.log()).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server's log has no \"" + text + "\" after 60 s:\n" + server.tail());
            }
            Thread.sleep(100);
        }
    }

    private static void awaitStatus(ServerProcess server, String runId, String status) throws Exception {
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (server.get("/runs/" + runId).path("status").asText().equals(status)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("run " + runId + " is not " + status + " within " + RUN_LIMIT);
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

    /**
     * Waits until the run has completed {@code generations} generations and then made at least {@code
     * calls} model calls in the generation it is in (counted by the server's metrics; only this run
     * runs), so that a stop now interrupts a generation with completed calls to answer from records.
     */
    private static JsonNode awaitCallsInGeneration(ServerProcess server, String runId, int generations, int calls)
            throws Exception {
        JsonNode run = awaitGenerations(server, runId, generations);
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        int generation = run.path("generationsCompleted").asInt();
        double baseline = metric(server.send("GET", "/../metrics", null).body(), "promptevo_model_calls");
        while (System.nanoTime() < deadline) {
            double made = metric(server.send("GET", "/../metrics", null).body(), "promptevo_model_calls");
            run = server.get("/runs/" + runId);
            if (!"RUNNING".equals(run.path("status").asText())) {
                throw new AssertionError("run " + runId + " ended before it could be interrupted: " + run);
            }
            if (run.path("generationsCompleted").asInt() != generation) {
                generation = run.path("generationsCompleted").asInt(); // a checkpoint: count afresh
                baseline = made;
            } else if (made - baseline >= calls) {
                return run;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("run " + runId + " made no " + calls + " calls within one generation");
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
