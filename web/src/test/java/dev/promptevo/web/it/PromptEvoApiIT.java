package dev.promptevo.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The REST API against the real WAR on Payara Micro (one server for the whole class: a start costs
 * tens of seconds). Every test makes the entities it needs, so the order does not matter.
 */
@ExtendWith(ArquillianExtension.class)
class PromptEvoApiIT {
    private static final String PROBLEM = "application/problem+json";
    private static final String NDJSON = "application/x-ndjson";

    @ArquillianResource
    private URL deployed;

    private Api api;

    @Deployment(testable = false)
    static WebArchive war() {
        return ItServer.war();
    }

    @BeforeEach
    void client() {
        api = new Api(deployed.getPort(), ItServer.adminToken());
    }

    @Test
    void aRunOnTheSimulatedBackendCompletesAndServesItsParetoFront() {
        String taskId = createTask();
        String datasetId = uploadDataset(20);

        Api.Reply started = api.postJson(
                "api/runs",
                runRequest(taskId, datasetId)
                        .put("population", 6)
                        .put("generations", 3)
                        .put("seed", 7));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String runId = started.json().path("id").asText();

        JsonNode run = await(runId, r -> r.path("status").asText().equals("COMPLETED"), Duration.ofSeconds(90));
        assertThat(run.path("generationsCompleted").asInt()).isEqualTo(3);
        assertThat(run.path("bestComposite").asDouble()).isGreaterThan(0);
        assertThat(run.path("spent").path("calls").asLong()).isPositive();

        Api.Reply generations = api.get("api/runs/" + runId + "/generations");
        assertThat(generations.json()).hasSize(3);
        assertThat(generations.json().get(2).path("bestComposite").asDouble())
                .isEqualTo(run.path("bestComposite").asDouble());

        Api.Reply front = api.get("api/runs/" + runId + "/pareto-front");
        assertThat(front.status()).isEqualTo(200);
        assertThat(front.json().path("points")).isNotEmpty();
        assertThat(front.json().path("objectives").findValuesAsText("id")).contains("quality");
        JsonNode first = front.json().path("points").get(0);
        assertThat(first.path("candidate").path("composite").asDouble()).isGreaterThan(0);
        assertThat(first.path("candidate").path("genome").has("temperature")).isTrue();
        assertThat(first.path("objectives").has("quality")).isTrue();

        Api.Reply candidates = api.get("api/runs/" + runId + "/candidates?limit=3");
        assertThat(candidates.json().path("items")).hasSize(3);
        assertThat(candidates.json().path("total").asInt()).isGreaterThanOrEqualTo(6);
        assertThat(candidates.json().path("items").get(0).path("best").asBoolean())
                .isTrue();
        assertThat(candidates.json().path("items").get(0).path("composite").asDouble())
                .isEqualTo(run.path("bestComposite").asDouble());

        String best = candidates.json().path("items").get(0).path("genomeId").asText();
        Api.Reply evaluations = api.get("api/runs/" + runId + "/candidates/" + best + "/evaluations?offset=2&limit=5");
        assertThat(evaluations.status()).as(evaluations.body()).isEqualTo(200);
        assertThat(evaluations.json().path("items")).hasSize(5);
        assertThat(evaluations.json().path("total").asInt()).isGreaterThan(7);
        JsonNode evaluation = evaluations.json().path("items").get(0);
        assertThat(evaluation.path("index").asInt()).isEqualTo(2);
        assertThat(evaluation.path("exampleId").asText()).isNotBlank();
        assertThat(evaluation.path("metrics").has("repairs")).isTrue();
        assertThat(evaluation.path("metrics").path("tokensTotal").asLong()).isPositive();
        assertThat(evaluation.has("failures")).isTrue();
        assertProblem(api.get("api/runs/" + runId + "/candidates/no-such-genome/evaluations"), 404);

        assertThat(api.get("api/runs?taskId=" + taskId).json().path("items").findValuesAsText("id"))
                .containsExactly(runId);
    }

    @Test
    void aRunningRunCanBeCancelledOnceAndStops() {
        String runId = api.postJson(
                        "api/runs",
                        runRequest(createTask(), uploadDataset(20))
                                .put("population", 30)
                                .put("generations", 1000)
                                .put("stagnationLimit", 1000)
                                .put("targetComposite", 1.0))
                .json()
                .path("id")
                .asText();
        await(runId, r -> r.path("status").asText().equals("RUNNING"), Duration.ofSeconds(30));

        Api.Reply cancelled = api.postEmpty("api/runs/" + runId + "/cancel");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("CANCELLED");

        Api.Reply again = api.postEmpty("api/runs/" + runId + "/cancel");
        assertProblem(again, 409);

        int generations =
                api.get("api/runs/" + runId).json().path("generationsCompleted").asInt();
        sleep(Duration.ofSeconds(2));
        JsonNode later = api.get("api/runs/" + runId).json();
        assertThat(later.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(later.path("generationsCompleted").asInt()).isEqualTo(generations);
    }

    @Test
    void aCancelledRunResumesFromItsLastGenerationAndCompletes() {
        // 120 examples, not 20: on a warm server eight generations of 20 took less than one 200 ms poll,
        // so the run could end before the cancel came (seen after BadInputIT's fuzz).
        String runId = api.postJson(
                        "api/runs",
                        runRequest(createTask(), uploadDataset(120))
                                .put("population", 6)
                                .put("generations", 8)
                                .put("stagnationLimit", 100)
                                .put("seed", 11))
                .json()
                .path("id")
                .asText();
        await(runId, r -> r.path("generationsCompleted").asInt() >= 1, Duration.ofSeconds(60));
        Api.Reply cancelled = api.postEmpty("api/runs/" + runId + "/cancel");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        JsonNode stopped = api.get("api/runs/" + runId).json();
        long spentBefore = stopped.path("spent").path("calls").asLong();
        assertThat(stopped.path("generationsCompleted").asInt()).isLessThan(8);

        Api.Reply resumed = api.postEmpty("api/runs/" + runId + "/resume");
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        assertThat(resumed.json().path("status").asText()).isIn("QUEUED", "RUNNING");
        assertThat(resumed.json().has("stopReason")).isFalse();

        JsonNode run = await(runId, r -> r.path("status").asText().equals("COMPLETED"), Duration.ofSeconds(90));
        assertThat(run.path("generationsCompleted").asInt()).isEqualTo(8);
        assertThat(run.path("spent").path("calls").asLong()).isGreaterThan(spentBefore);
        assertThat(api.get("api/runs/" + runId + "/generations").json().findValuesAsText("index"))
                .as("every generation once: the resumed run went on after the last one it completed")
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7");

        assertProblem(api.postEmpty("api/runs/" + runId + "/resume"), 409);
        assertProblem(api.postEmpty("api/runs/nope/resume"), 404);
    }

    @Test
    void aRunsProgressIsStreamedAsServerSentEventsUntilItEnds() {
        String runId = api.postJson(
                        "api/runs",
                        runRequest(createTask(), uploadDataset(20))
                                .put("population", 20)
                                .put("generations", 1000)
                                .put("stagnationLimit", 1000)
                                .put("targetComposite", 1.0))
                .json()
                .path("id")
                .asText();

        var response = api.stream("api/runs/" + runId + "/events");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        List<String> events = new ArrayList<>();
        List<JsonNode> data = new ArrayList<>();
        boolean cancelSent = false;
        String event = null;
        for (var lines = response.body().iterator(); lines.hasNext(); ) {
            String line = lines.next();
            if (line.startsWith("event:")) {
                event = line.substring("event:".length()).strip();
            } else if (line.startsWith("data:") && event != null) {
                events.add(event);
                data.add(readJson(line.substring("data:".length()).strip()));
                if (!cancelSent && events.stream().filter("generation"::equals).count() >= 2) {
                    assertThat(api.postEmpty("api/runs/" + runId + "/cancel").status())
                            .isEqualTo(200);
                    cancelSent = true;
                }
            }
        }

        assertThat(events.get(0)).isEqualTo("run");
        assertThat(events).contains("generation");
        assertThat(events.get(events.size() - 1)).isEqualTo("run");
        assertThat(data.get(data.size() - 1).path("status").asText()).isEqualTo("CANCELLED");
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).equals("generation")) {
                indexes.add(data.get(i).path("index").asInt());
            }
        }
        assertThat(indexes).isSorted().doesNotHaveDuplicates();

        assertProblem(api.get("api/runs/nope/events"), 404);
    }

    @Test
    void listsArePagedNewestFirstWithoutOverlap() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(uploadDataset(2));
        }
        Api.Reply firstPage = api.get("api/datasets?limit=2");
        Api.Reply secondPage = api.get("api/datasets?limit=2&offset=1");
        assertThat(firstPage.status()).isEqualTo(200);
        assertThat(firstPage.json().path("limit").asInt()).isEqualTo(2);
        assertThat(firstPage.json().path("offset").asInt()).isZero();
        assertThat(firstPage.json().path("total").asInt()).isGreaterThanOrEqualTo(3);
        List<String> first = firstPage.json().path("items").findValuesAsText("id");
        List<String> second = secondPage.json().path("items").findValuesAsText("id");
        assertThat(first).containsExactly(created.get(2), created.get(1));
        assertThat(second).containsExactly(created.get(1), created.get(0));

        Api.Reply examples = api.get("api/datasets/" + created.get(0) + "/examples?offset=1&limit=5");
        assertThat(examples.json().path("items").findValuesAsText("id")).containsExactly("t-0002");
        assertThat(examples.json().path("total").asInt()).isEqualTo(2);

        Api.Reply bad = api.get("api/runs?limit=0&offset=-1");
        assertProblem(bad, 400);
        assertThat(fields(bad)).containsExactlyInAnyOrder("limit", "offset");
    }

    @Test
    void malformedJsonIsAProblemNotAServerError() {
        Api.Reply reply = api.post("api/tasks", "application/json", "{\"name\": \"x\", ");
        assertProblem(reply, 400);
        assertThat(reply.json().path("type").asText()).endsWith("malformed-json");
        assertThat(fields(reply)).containsExactly("(body)");

        Api.Reply empty = api.post("api/runs", "application/json", "");
        assertProblem(empty, 400);
        assertThat(empty.json().path("detail").asText()).contains("body is required");
    }

    @Test
    void unknownFieldsAreNamed() {
        Api.Reply run =
                api.post("api/runs", "application/json", "{\"taskId\":\"a\",\"datasetId\":\"b\",\"populaton\":6}");
        assertProblem(run, 400);
        assertThat(fields(run)).containsExactly("populaton");
        assertThat(run.problemError(0).path("message").asText()).contains("unknown field", "population");

        Api.Reply nested = api.post(
                "api/runs", "application/json", "{\"taskId\":\"a\",\"datasetId\":\"b\",\"budget\":{\"maxCall\":5}}");
        assertProblem(nested, 400);
        assertThat(fields(nested)).containsExactly("budget.maxCall");

        ObjectNode task = Fixtures.ticketTriageTask();
        task.putObject("gates").put("minAcuracy", 0.9);
        Api.Reply taskReply = api.postJson("api/tasks", task);
        assertProblem(taskReply, 400);
        assertThat(fields(taskReply)).containsExactly("gates.minAcuracy");
    }

    @Test
    void wrongTypesAreNamed() {
        Api.Reply text = api.post(
                "api/runs", "application/json", "{\"taskId\":\"a\",\"datasetId\":\"b\",\"population\":\"six\"}");
        assertProblem(text, 400);
        assertThat(fields(text)).containsExactly("population");
        assertThat(text.problemError(0).path("message").asText()).contains("whole number");

        Api.Reply number = api.post("api/runs", "application/json", "{\"taskId\":1,\"datasetId\":\"b\"}");
        assertProblem(number, 400);
        assertThat(fields(number)).containsExactly("taskId");
        assertThat(number.problemError(0).path("message").asText()).contains("a string");

        Api.Reply fraction = api.post(
                "api/runs", "application/json", "{\"taskId\":\"a\",\"datasetId\":\"b\",\"budget\":{\"maxCalls\":1.5}}");
        assertProblem(fraction, 400);
        assertThat(fields(fraction)).containsExactly("budget.maxCalls");

        ObjectNode task = Fixtures.ticketTriageTask();
        task.putObject("gates").put("minAccuracy", "high");
        Api.Reply taskReply = api.postJson("api/tasks", task);
        assertProblem(taskReply, 400);
        assertThat(fields(taskReply)).containsExactly("gates.minAccuracy");
    }

    @Test
    void invalidValuesAreAllNamedAtOnce() {
        ObjectNode task = Fixtures.ticketTriageTask();
        task.put("promptTemplate", "no placeholder");
        ((ObjectNode) task.get("backend")).putObject("settings").put("base-url", "http://169.254.169.254/");
        Api.Reply taskReply = api.postJson("api/tasks", task);
        assertProblem(taskReply, 400);
        assertThat(fields(taskReply)).containsExactlyInAnyOrder("promptTemplate", "backend.settings");

        Api.Reply run = api.postJson(
                "api/runs",
                Api.JSON
                        .createObjectNode()
                        .put("taskId", "nope")
                        .put("population", 1)
                        .set("budget", Api.JSON.createObjectNode().put("maxWallTime", "5 minutes")));
        assertProblem(run, 400);
        assertThat(fields(run)).containsExactlyInAnyOrder("taskId", "datasetId", "population", "budget.maxWallTime");
    }

    @Test
    void unknownIdsAreNotFoundProblems() {
        for (String path : List.of(
                "api/tasks/nope",
                "api/datasets/nope",
                "api/datasets/nope/examples",
                "api/runs/nope",
                "api/runs/nope/generations",
                "api/runs/nope/candidates",
                "api/runs/nope/candidates/abc/evaluations",
                "api/runs/nope/pareto-front",
                "api/no-such-endpoint")) {
            Api.Reply reply = api.get(path);
            assertProblem(reply, 404);
        }
        assertProblem(api.postEmpty("api/runs/nope/cancel"), 404);
        assertProblem(api.delete("api/tasks/nope"), 404);
    }

    @Test
    void badDatasetLinesAreListedByNumberAndNothingIsStored() {
        long before = datasetCount();
        String body = """
                {"id":"a","input":"first","expected":{"category":"billing"}}
                not json
                {"id":"a","input":"again","expected":{}}

                {"id":"b","input":"","expected":{}}
                {"id":"c","input":"fine","expected":{},"colour":"red"}
                """;
        Api.Reply reply = api.post("api/datasets?name=broken", NDJSON, body);
        assertProblem(reply, 400);
        JsonNode errors = reply.json().path("errors");
        assertThat(errors.findValues("line").stream().map(JsonNode::asInt).toList())
                .containsExactly(2, 3, 5, 6);
        assertThat(errors.get(1).path("message").asText()).contains("duplicate id 'a'", "line 1");
        assertThat(errors.get(3).path("message").asText()).contains("colour");
        assertThat(datasetCount()).isEqualTo(before);
    }

    @Test
    void oversizedUploadsAre413AndNothingIsStored() {
        long before = datasetCount();
        String line = "{\"id\":\"%d\",\"input\":\"" + "x".repeat(500) + "\",\"expected\":{}}\n";
        StringBuilder body = new StringBuilder();
        for (int i = 0; body.length() <= 70_000; i++) {
            body.append(line.formatted(i));
        }
        Api.Reply declared = api.post("api/datasets", NDJSON, body.toString());
        assertProblem(declared, 413);
        assertThat(declared.json().path("detail").asText()).contains("65536");

        Api.Reply streamed =
                api.postChunked("api/datasets", NDJSON, body.toString().getBytes(StandardCharsets.UTF_8));
        assertProblem(streamed, 413);
        assertThat(datasetCount()).isEqualTo(before);
    }

    @Test
    void tasksReadBackAndAreDeletedOnlyWhenNoRunUsesThem() {
        String unused = createTask();
        Api.Reply read = api.get("api/tasks/" + unused);
        assertThat(read.status()).isEqualTo(200);
        assertThat(api.get("api/tasks?limit=5").body())
                .as("written by the API's own JSON provider, which leaves nulls out")
                .doesNotContain(":null")
                .doesNotContain("\"definition\"");
        assertThat(read.json()
                        .path("definition")
                        .path("outputSchema")
                        .path("type")
                        .asText())
                .isEqualTo("object");
        assertThat(api.delete("api/tasks/" + unused).status()).isEqualTo(204);
        assertProblem(api.get("api/tasks/" + unused), 404);

        String used = createTask();
        Api.Reply run = api.postJson(
                "api/runs",
                runRequest(used, uploadDataset(3)).put("generations", 1).put("population", 2));
        assertThat(run.status()).isEqualTo(202);
        assertProblem(api.delete("api/tasks/" + used), 409);
    }

    @Test
    void pluginsAreListedWithIdsAndVersions() {
        JsonNode plugins = api.get("api/plugins").json();
        assertThat(plugins.path("backends").findValuesAsText("id")).contains("simulated");
        assertThat(plugins.path("mutations").findValuesAsText("id")).contains("mutate.cot.toggle");
        assertThat(plugins.path("crossovers").findValuesAsText("id")).isNotEmpty();
        assertThat(plugins.path("retrievers").findValuesAsText("id")).contains("retriever.bm25");
        assertThat(plugins.path("validators").findValuesAsText("id")).isNotEmpty();
        assertThat(plugins.path("backends").get(0).path("version").asText()).isNotBlank();
    }

    @Test
    void healthChecksTheDatabaseAndOpenApiDescribesTheEndpoints() {
        Api.Reply ready = api.get("health/ready");
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        assertThat(ready.json().path("checks").findValuesAsText("name")).contains("promptevo-database");
        // The same tests run once on the embedded H2 and once on PostgreSQL (the postgresql-it profile):
        // the readiness check names the database the server really uses.
        String expected = System.getProperty("promptevo.it.db", "").contains("postgresql") ? "PostgreSQL 1" : "H2 2.5";
        assertThat(ready.body()).contains(expected);
        assertThat(api.get("health/live").status()).isEqualTo(200);

        Api.Reply openapi = api.get("openapi?format=JSON");
        assertThat(openapi.status()).isEqualTo(200);
        JsonNode paths = openapi.json().path("paths");
        assertThat(paths.has("/api/tasks")).isTrue();
        assertThat(paths.has("/api/datasets")).isTrue();
        assertThat(paths.has("/api/runs/{id}/pareto-front")).isTrue();
        assertThat(paths.has("/api/runs/{id}/cancel")).isTrue();
        assertThat(paths.has("/api/runs/{id}/candidates/{genomeId}/evaluations"))
                .isTrue();
        assertThat(paths.has("/api/runs/{id}/events")).isTrue();
        assertThat(paths.has("/api/plugins")).isTrue();
        Set<String> operationIds = new HashSet<>();
        List<String> all = paths.findValuesAsText("operationId");
        operationIds.addAll(all);
        assertThat(operationIds).hasSameSizeAs(all).contains("startRun", "getRunParetoFront", "uploadDataset");
    }

    private String createTask() {
        Api.Reply reply = api.postJson("api/tasks", Fixtures.ticketTriageTask());
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().path("id").asText();
    }

    private String uploadDataset(int lines) {
        Api.Reply reply = api.post("api/datasets?name=triage-" + lines, NDJSON, Fixtures.datasetLines(lines));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().path("examples").asInt()).isEqualTo(lines);
        return reply.json().path("id").asText();
    }

    private static ObjectNode runRequest(String taskId, String datasetId) {
        return Api.JSON.createObjectNode().put("taskId", taskId).put("datasetId", datasetId);
    }

    private static JsonNode readJson(String text) {
        try {
            return Api.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long datasetCount() {
        return api.get("api/datasets?limit=1").json().path("total").asLong();
    }

    private JsonNode await(String runId, Predicate<JsonNode> until, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode run;
        do {
            run = api.get("api/runs/" + runId).json();
            if (until.test(run)) {
                return run;
            }
            assertThat(run.path("status").asText()).as(run.toString()).isNotIn("FAILED");
            sleep(Duration.ofMillis(200));
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("run " + runId + " did not get there in " + timeout + ": " + run);
    }

    private static void assertProblem(Api.Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.body())
                .as("written by the API's own JSON provider, which leaves nulls out")
                .doesNotContain(":null");
        assertThat(reply.contentType()).startsWith(PROBLEM);
        assertThat(reply.json().path("status").asInt()).isEqualTo(status);
        assertThat(reply.json().path("type").asText()).startsWith("urn:promptevo:problem:");
        assertThat(reply.json().path("title").asText()).isNotBlank();
    }

    private static List<String> fields(Api.Reply reply) {
        return reply.json().path("errors").findValuesAsText("field");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
