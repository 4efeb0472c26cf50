package dev.promptevo.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deployments over HTTP against the real WAR: created from a run's Pareto front or from genomes,
 * routing, invoking with automatic rewards, exact and idempotent rewards under concurrency, every bad
 * reward, and who may do what.
 */
@ExtendWith(ArquillianExtension.class)
class DeploymentIT {
    private static final String PROBLEM = "application/problem+json";

    @ArquillianResource
    private URL deployed;

    private Api admin;

    @Deployment(testable = false)
    static WebArchive war() {
        return ItServer.war();
    }

    @BeforeEach
    void client() {
        admin = new Api(deployed.getPort(), ItServer.adminToken());
    }

    @Test
    void aCompletedRunsParetoFrontIsDeployedRoutedAndInvokedWithAnAutomaticReward() {
        String taskId = createTask(admin);
        String datasetId = uploadDataset(admin, 20);
        Api.Reply started = admin.postJson(
                "api/runs",
                Api.JSON
                        .createObjectNode()
                        .put("taskId", taskId)
                        .put("datasetId", datasetId)
                        .put("population", 6)
                        .put("generations", 2)
                        .put("seed", 7));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String runId = started.json().path("id").asText();
        awaitRun(runId);
        JsonNode front = admin.get("api/runs/" + runId + "/pareto-front").json().path("points");

        Api.Reply created = admin.postJson(
                "api/deployments",
                Api.JSON
                        .createObjectNode()
                        .put("name", "triage live")
                        .put("runId", runId)
                        .put("select", "pareto")
                        .put("topK", 3)
                        .put("production", 0));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode deployment = created.json();
        String id = deployment.path("id").asText();
        assertThat(created.header("Location")).endsWith("/api/deployments/" + id);
        JsonNode arms = deployment.path("arms");
        assertThat(arms.size()).isBetween(1, 3).isEqualTo(Math.min(3, front.size()));
        assertThat(arms.get(0).path("genomeId").asText())
                .isEqualTo(front.get(0).path("candidate").path("genomeId").asText());
        assertThat(arms.get(0).path("production").asBoolean()).isTrue();
        assertThat(arms.get(0).path("alpha").asDouble()
                        + arms.get(0).path("beta").asDouble())
                .as("warm-started from the offline evaluation: prior 2 + up to 20 pseudo-observations")
                .isGreaterThan(2.0);
        assertThat(admin.get("api/deployments").json().path("items").findValuesAsText("id"))
                .contains(id);

        Api.Reply routed = admin.postEmpty("api/deployments/" + id + "/route");
        assertThat(routed.status()).as(routed.body()).isEqualTo(200);
        assertThat(routed.json().path("decisionId").asText()).isNotBlank();
        assertThat(routed.json().path("genome").has("temperature")).isTrue();

        String input = firstInput();
        Api.Reply invoked = admin.postJson(
                "api/deployments/" + id + "/invoke",
                Api.JSON.createObjectNode().put("input", input).put("autoReward", true));
        assertThat(invoked.status()).as(invoked.body()).isEqualTo(200);
        JsonNode validation = invoked.json().path("validation");
        assertThat(validation.has("schemaOk")).isTrue();
        assertThat(validation.path("accuracy").isNumber())
                .as("a known example of the dataset")
                .isTrue();
        double expectedReward = validation.path("gatesPassed").asBoolean()
                ? validation.path("validatorScore").asDouble()
                : 0.0;
        assertThat(invoked.json().path("reward").asDouble()).isEqualTo(expectedReward);
        assertThat(invoked.json().path("output").isMissingNode()).isFalse();

        JsonNode after = admin.get("api/deployments/" + id).json();
        assertThat(after.path("rewards").asLong()).isEqualTo(1);
        assertThat(sum(after.path("arms"), "pulls")).isEqualTo(2);
        assertThat(sum(after.path("arms"), "gateChecks")).isEqualTo(1);
        assertThat(after.path("traffic").path("buckets").findValues("total").stream()
                        .mapToLong(JsonNode::asLong)
                        .sum())
                .isEqualTo(2);

        Api.Reply again = admin.postJson(
                "api/decisions/" + invoked.json().path("decisionId").asText() + "/reward", Map.of("reward", 1.0));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().path("applied").asBoolean()).isFalse();
        assertThat(again.json().path("source").asText()).isEqualTo("VALIDATORS");
    }

    @Test
    void genomesAreCheckedAgainstTheTasksSearchSpace() {
        String taskId = createTask(admin);
        ObjectNode bad = baseGenome().put("temperature", 7.5);
        Api.Reply refused = admin.postJson(
                "api/deployments",
                Api.JSON
                        .createObjectNode()
                        .put("name", "bad")
                        .put("taskId", taskId)
                        .set(
                                "genomes",
                                Api.JSON.createArrayNode().add(baseGenome()).add(bad)));
        assertProblem(refused, 400);
        assertThat(fields(refused)).containsExactly("genomes[1]");

        Api.Reply neither = admin.postJson("api/deployments", Map.of("name", "x"));
        assertProblem(neither, 400);
        assertThat(fields(neither)).contains("runId");

        // A task that a deployment serves cannot be deleted from under it (409, not a foreign-key 500).
        String deployment = deployGenomes(admin, 2, 0);
        String servedTask =
                admin.get("api/deployments/" + deployment).json().path("taskId").asText();
        assertProblem(admin.delete("api/tasks/" + servedTask), 409);
        assertThat(admin.get("api/tasks/" + servedTask).status()).isEqualTo(200);
    }

    @Test
    void aRepeatedRewardChangesNothingAndSaysSo() {
        String id = deployGenomes(admin, 2, 0);
        String decision = route(admin, id);

        Api.Reply first = reward(admin, decision, 0.5);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("applied").asBoolean()).isTrue();
        Api.Reply second = reward(admin, decision, 1.0);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().path("applied").asBoolean()).isFalse();
        assertThat(second.json().path("reward").asDouble()).isEqualTo(0.5);

        JsonNode arms = admin.get("api/deployments/" + id).json().path("arms");
        assertThat(sum(arms, "rewards")).isEqualTo(1);
        assertThat(sumDouble(arms, "alpha")).isEqualTo(2 + 0.5);
        assertThat(sumDouble(arms, "beta")).isEqualTo(2 + 0.5);
    }

    @Test
    void everyBadRewardIsAProblemNamingTheFieldAndCountsNothing() {
        String id = deployGenomes(admin, 2, 0);
        String decision = route(admin, id);

        for (String body : List.of(
                "{\"reward\": 1.5}",
                "{\"reward\": -0.1}",
                "{\"reward\": \"abc\"}",
                "{}",
                "{\"reward\": null}",
                "{\"reward\": 0.5, \"extra\": 1}")) {
            Api.Reply refused = admin.post("api/decisions/" + decision + "/reward", "application/json", body);
            assertProblem(refused, 400);
            assertThat(fields(refused)).as(body).contains(body.contains("extra") ? "extra" : "reward");
        }
        Api.Reply notJson =
                admin.post("api/decisions/" + decision + "/reward", "application/json", "{\"reward\": NaN}");
        assertProblem(notJson, 400);

        byte[] bytes = Base64.getUrlDecoder().decode(decision);
        bytes[bytes.length - 20] ^= 1;
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Api.Reply forged = reward(admin, tampered, 0.5);
        assertProblem(forged, 404);
        assertThat(fields(forged)).containsExactly("decisionId");

        Api.Reply unknown = reward(admin, "not-a-decision", 0.5);
        assertProblem(unknown, 404);
        assertThat(fields(unknown)).containsExactly("decisionId");

        String shortLived = deployGenomes(admin, 2, 1);
        String old = route(admin, shortLived);
        sleep(Duration.ofMillis(2200));
        Api.Reply expired = reward(admin, old, 0.5);
        assertProblem(expired, 410);
        assertThat(fields(expired)).containsExactly("decisionId");

        assertThat(admin.get("api/deployments/" + id).json().path("rewards").asLong())
                .isZero();
        assertThat(admin.get("api/deployments/" + shortLived)
                        .json()
                        .path("rewards")
                        .asLong())
                .isZero();
        assertThat(reward(admin, decision, 0.5).json().path("applied").asBoolean())
                .as("the refusals left the decision unrewarded")
                .isTrue();
    }

    @Test
    void viewersReadOperatorsServeAndOnlyAdminsOperateArms() {
        Api operator = admin.as(mint("deploy-op", "operator", "deploy-team"));
        Api viewer = admin.as(mint("deploy-viewer", "viewer", "deploy-team"));
        String id = deployGenomes(operator, 3, 0);

        assertThat(viewer.get("api/deployments/" + id).status()).isEqualTo(200);
        assertProblem(viewer.postEmpty("api/deployments/" + id + "/route"), 403);
        assertProblem(viewer.postEmpty("api/deployments/" + id + "/arms/1/pause"), 403);

        String decision = route(operator, id);
        assertThat(reward(operator, decision, 1.0).status()).isEqualTo(200);
        assertProblem(operator.postEmpty("api/deployments/" + id + "/arms/1/promote"), 403);
        assertProblem(operator.postEmpty("api/deployments/" + id + "/arms/1/pause"), 403);
        Api outsider = admin.as(mint("deploy-outsider", "operator", "other-team"));
        assertProblem(outsider.get("api/deployments/" + id), 404);
        assertProblem(reward(outsider, route(operator, id), 1.0), 404);

        Api.Reply paused = admin.postJson("api/deployments/" + id + "/arms/2/pause", Map.of("reason", "too slow"));
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        assertThat(paused.json().path("changed").asBoolean()).isTrue();
        JsonNode arm2 = admin.get("api/deployments/" + id).json().path("arms").get(2);
        assertThat(arm2.path("status").asText()).isEqualTo("PAUSED");
        assertThat(arm2.path("pauseReason").asText()).isEqualTo("too slow");
        for (int i = 0; i < 30; i++) {
            assertThat(admin.postEmpty("api/deployments/" + id + "/route")
                            .json()
                            .path("armPosition")
                            .asInt())
                    .as("a paused arm gets no traffic")
                    .isNotEqualTo(2);
        }

        assertThat(admin.postEmpty("api/deployments/" + id + "/arms/1/promote").status())
                .isEqualTo(200);
        JsonNode promoted = admin.get("api/deployments/" + id).json();
        assertThat(promoted.path("production").asInt()).isEqualTo(1);
        assertThat(promoted.path("arms").get(0).path("pauseCause").asText()).isEqualTo("PROMOTION");
        assertThat(admin.postEmpty("api/deployments/" + id + "/arms/1/pause").status())
                .as("the last active arm cannot be paused")
                .isEqualTo(409);
        assertThat(admin.postEmpty("api/deployments/" + id + "/arms/1/rollback").status())
                .isEqualTo(200);
        assertThat(admin.get("api/deployments/" + id)
                        .json()
                        .path("arms")
                        .get(0)
                        .path("status")
                        .asText())
                .isEqualTo("ACTIVE");
        assertProblem(admin.postEmpty("api/deployments/" + id + "/arms/7/pause"), 404);
    }

    /**
     * The test server lets one invocation in at a time (arquillian.xml sets the Fault Tolerance key
     * {@code DeploymentResource/invoke/Bulkhead/value} to 1): invocations sent together beyond that are
     * 503 problems with Retry-After, never 500s, and write nothing. Rounds of 24 requests released at
     * once, until one round had a refusal (at most 5).
     */
    @Test
    void invocationsBeyondTheBulkheadAre503WithRetryAfterAndWriteNothing() throws Exception {
        ObjectNode deployment = Api.JSON
                .createObjectNode()
                .put("name", "bulkhead")
                .put("taskId", createTask(admin))
                .put("datasetId", uploadDataset(admin, 5));
        deployment.putArray("genomes").add(baseGenome());
        Api.Reply created = admin.postJson("api/deployments", deployment);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();
        ObjectNode body = Api.JSON.createObjectNode().put("input", firstInput()).put("autoReward", true);
        int clients = 24;
        int served = 0;
        int refused = 0;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            for (int round = 0; round < 5 && refused == 0; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Api.Reply>> replies = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    replies.add(pool.submit(() -> {
                        go.await();
                        return admin.postJson("api/deployments/" + id + "/invoke", body);
                    }));
                }
                go.countDown();
                for (Future<Api.Reply> f : replies) {
                    Api.Reply reply = f.get();
                    assertThat(reply.status()).as(reply.body()).isIn(200, 503);
                    if (reply.status() == 503) {
                        assertProblem(reply, 503);
                        assertThat(reply.header("Retry-After")).isEqualTo("1");
                        refused++;
                    } else {
                        served++;
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(refused)
                .as("refusals in rounds of %d simultaneous invocations", clients)
                .isPositive();
        JsonNode after = admin.get("api/deployments/" + id).json();
        assertThat(after.path("rewards").asLong())
                .as("one reward per served invocation, none for a refused one")
                .isEqualTo(served);
        assertThat(sum(after.path("arms"), "gateChecks")).isEqualTo(served);
    }

    /** 20 client threads x 50 rewards over HTTP, plus 20 threads racing to reward one decision. */
    @Test
    void concurrentRewardsAreCountedExactlyOnce() throws Exception {
        String id = deployGenomes(admin, 3, 0);
        int threads = 20;
        int perThread = 50;
        List<String> decisions = new ArrayList<>();
        for (int i = 0; i < threads * perThread + 1; i++) {
            decisions.add(route(admin, id));
        }
        double[] rewards = {0.0, 0.25, 0.5, 0.75, 1.0}; // exact in binary, so sums are exact in any order
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> applied = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                applied.add(pool.submit(() -> {
                    int n = 0;
                    for (int i = 0; i < perThread; i++) {
                        int d = thread * perThread + i;
                        Api.Reply reply = reward(admin, decisions.get(d), rewards[d % rewards.length]);
                        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                        n += reply.json().path("applied").asBoolean() ? 1 : 0;
                    }
                    return n;
                }));
            }
            String contested = decisions.getLast();
            List<Future<Boolean>> race = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                race.add(pool.submit(() ->
                        reward(admin, contested, 1.0).json().path("applied").asBoolean()));
            }
            int total = 0;
            for (Future<Integer> f : applied) {
                total += f.get();
            }
            long winners = 0;
            for (Future<Boolean> f : race) {
                winners += f.get() ? 1 : 0;
            }
            assertThat(total).isEqualTo(threads * perThread);
            assertThat(winners).as("one of the racing rewards is applied").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        double expectedSum = 1.0;
        for (int d = 0; d < threads * perThread; d++) {
            expectedSum += rewards[d % rewards.length];
        }
        int n = threads * perThread + 1;
        JsonNode arms = admin.get("api/deployments/" + id).json().path("arms");
        assertThat(sum(arms, "rewards")).isEqualTo(n);
        assertThat(sumDouble(arms, "alpha")).isEqualTo(3 + expectedSum);
        assertThat(sumDouble(arms, "beta")).isEqualTo(3 + (n - expectedSum));
    }

    // ---- helpers ----

    static String createTask(Api api) {
        Api.Reply reply = api.postJson("api/tasks", Fixtures.ticketTriageTask());
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().path("id").asText();
    }

    static String uploadDataset(Api api, int lines) {
        Api.Reply reply =
                api.post("api/datasets?name=triage-" + lines, "application/x-ndjson", Fixtures.datasetLines(lines));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().path("id").asText();
    }

    static ObjectNode baseGenome() {
        return (ObjectNode) Fixtures.ticketTriageTask().path("baseGenome").deepCopy();
    }

    /** A deployment of {@code arms} variants of the base genome (their temperatures differ). */
    static String deployGenomes(Api api, int arms, long ttlSeconds) {
        ArrayNode genomes = Api.JSON.createArrayNode();
        for (int i = 0; i < arms; i++) {
            genomes.add(baseGenome().put("temperature", 0.1 * (i + 1)));
        }
        ObjectNode body =
                Api.JSON.createObjectNode().put("name", "genomes-" + arms).put("taskId", createTask(api));
        body.set("genomes", genomes);
        if (ttlSeconds > 0) {
            body.put("decisionTtlSeconds", ttlSeconds);
        }
        Api.Reply reply = api.postJson("api/deployments", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().path("id").asText();
    }

    static String route(Api api, String deploymentId) {
        Api.Reply reply = api.postEmpty("api/deployments/" + deploymentId + "/route");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("decisionId").asText();
    }

    static Api.Reply reward(Api api, String decisionId, double reward) {
        return api.postJson("api/decisions/" + decisionId + "/reward", Map.of("reward", reward));
    }

    private String mint(String subject, String role, String team) {
        Api.Reply minted = admin.postJson(
                "api/tokens",
                Api.JSON
                        .createObjectNode()
                        .put("subject", subject)
                        .put("role", role)
                        .put("team", team)
                        .put("expiresInDays", 1));
        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
        return minted.json().path("token").asText();
    }

    private static String firstInput() {
        try {
            return Api.JSON.readTree(Fixtures.datasetLines(1)).path("input").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void awaitRun(String runId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            JsonNode run = admin.get("api/runs/" + runId).json();
            if (run.path("status").asText().equals("COMPLETED")) {
                return;
            }
            assertThat(run.path("status").asText()).as(run.toString()).isNotIn("FAILED", "CANCELLED");
            sleep(Duration.ofMillis(300));
        }
        throw new AssertionError("run " + runId + " did not complete");
    }

    static long sum(JsonNode arms, String field) {
        long total = 0;
        for (JsonNode arm : arms) {
            total += arm.path(field).asLong();
        }
        return total;
    }

    static double sumDouble(JsonNode arms, String field) {
        double total = 0;
        for (JsonNode arm : arms) {
            total += arm.path(field).asDouble();
        }
        return total;
    }

    static void assertProblem(Api.Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith(PROBLEM);
        assertThat(reply.json().path("status").asInt()).isEqualTo(status);
    }

    static List<String> fields(Api.Reply reply) {
        return reply.json().path("errors").findValuesAsText("field");
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
