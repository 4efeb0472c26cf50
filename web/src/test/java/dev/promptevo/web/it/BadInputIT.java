package dev.promptevo.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile input against the real WAR: every refusal is an RFC 9457 problem naming what is wrong, never
 * a 5xx, an HTML page or an empty body, and never names the server's classes. Ends with a bounded,
 * seeded fuzz of every POST and PUT endpoint of the OpenAPI document ({@code -Dpromptevo.fuzz.seed}
 * replays a run, {@code -Dpromptevo.fuzz.count} sets its size).
 */
@ExtendWith(ArquillianExtension.class)
class BadInputIT {
    private static final String PROBLEM = "application/problem+json";
    /** Java and Jackson names a detail must not carry. */
    private static final Pattern INTERNAL =
            Pattern.compile("\\b(?:com|java|javax|jakarta|org)\\.[a-z]|Exception|FAIL_ON_|Feature|`");

    private static Fixture fixture;

    @ArquillianResource
    private URL deployed;

    private Api admin;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @Deployment(testable = false)
    static WebArchive war() {
        return ItServer.war();
    }

    /** What the tests point their requests at, made once for the class. */
    private record Fixture(String taskId, String datasetId, String runId, String deploymentId, String decisionId) {}

    /** An answer as the client sees it. */
    private record Answer(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return contentType.contains("json") && !body.isEmpty()
                        ? Api.JSON.readTree(body)
                        : MissingNode.getInstance();
            } catch (IOException e) {
                return MissingNode.getInstance();
            }
        }

        List<String> fields() {
            return json().path("errors").findValuesAsText("field");
        }
    }

    @BeforeEach
    void client() {
        admin = new Api(deployed.getPort(), ItServer.adminToken());
        if (fixture == null) {
            String taskId = DeploymentIT.createTask(admin);
            String datasetId = DeploymentIT.uploadDataset(admin, 8);
            Api.Reply run = admin.postJson(
                    "api/runs", Map.of("taskId", taskId, "datasetId", datasetId, "population", 2, "generations", 1));
            assertThat(run.status()).as(run.body()).isEqualTo(202);
            String runId = run.json().path("id").asText();
            admin.postEmpty("api/runs/" + runId + "/cancel");
            ObjectNode deployment = Api.JSON
                    .createObjectNode()
                    .put("name", "bad input")
                    .put("taskId", taskId)
                    .put("datasetId", datasetId);
            deployment
                    .putArray("genomes")
                    .add(DeploymentIT.baseGenome())
                    .add(DeploymentIT.baseGenome().put("temperature", 0.5));
            Api.Reply deployed = admin.postJson("api/deployments", deployment);
            assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
            String deploymentId = deployed.json().path("id").asText();
            fixture = new Fixture(taskId, datasetId, runId, deploymentId, DeploymentIT.route(admin, deploymentId));
        }
    }

    @Test
    void aDatasetLineWhoseIdIsLongerThanTheDatabaseKeepsIsA400NamingTheLine() {
        String longest = "k".repeat(500);
        String line = "{\"id\":\"%s\",\"input\":\"x\",\"expected\":{\"category\":\"billing\"}}\n";

        assertThat(admin.post("api/datasets?name=ids", "application/x-ndjson", line.formatted(longest))
                        .status())
                .isEqualTo(201);
        Answer refused = send("POST", "api/datasets?name=ids", "application/x-ndjson", line.formatted(longest + "k"));

        assertProblem(refused, 400);
        assertThat(refused.json().path("errors").path(0).path("line").asInt()).isEqualTo(1);
        assertThat(refused.json().path("errors").path(0).path("message").asText())
                .isEqualTo("id: must have at most 500 characters, got 501");
    }

    @Test
    void namesAndKeysOverTheirColumnsOrWithNulAreRefusedNamingTheField() {
        assertFields(
                send("POST", "api/datasets?name=" + "n".repeat(201), "application/x-ndjson", Fixtures.datasetLines(1)),
                400,
                "name");
        assertFields(
                send("POST", "api/datasets?name=a%00b", "application/x-ndjson", Fixtures.datasetLines(1)), 400, "name");
        assertFields(send("GET", "api/runs?taskId=a%00b", null, null), 400, "taskId");
        Answer nul = send(
                "POST",
                "api/datasets?name=nul",
                "application/x-ndjson",
                "{\"id\":\"a\\u0000\",\"input\":\"x\",\"expected\":{}}\n");
        assertProblem(nul, 400);
        assertThat(nul.json().path("errors").path(0).path("message").asText()).startsWith("id: must not contain");

        ObjectNode task = Fixtures.ticketTriageTask().put("name", "n".repeat(201));
        task.putObject("backend").put("id", "b".repeat(201));
        assertFields(
                sendJson("api/tasks", task.put("description", "d".repeat(4001))),
                400,
                "name",
                "description",
                "backend.id");
        assertFields(sendJson("api/tasks", Fixtures.ticketTriageTask().put("name", "a\u0000b")), 400, "name");
        assertFields(
                sendJson(
                        "api/deployments",
                        Map.of(
                                "name",
                                "n".repeat(201),
                                "taskId",
                                fixture.taskId(),
                                "genomes",
                                List.of(DeploymentIT.baseGenome()))),
                400,
                "name");
        assertFields(
                sendJson(
                        "api/tokens",
                        Map.of(
                                "subject",
                                "s".repeat(501),
                                "role",
                                "viewer",
                                "team",
                                "t".repeat(501),
                                "expiresInDays",
                                1)),
                400,
                "subject",
                "team");
        String deployment = "api/deployments/" + fixture.deploymentId();
        assertFields(sendJson(deployment + "/route", Map.of("unitKey", "u".repeat(201))), 400, "unitKey");
        assertFields(sendJson(deployment + "/invoke", Map.of("input", "x", "unitKey", "u\u0000")), 400, "unitKey");
        assertFields(sendJson(deployment + "/arms/0/pause", Map.of("reason", "r".repeat(501))), 400, "reason");
        assertFields(
                sendJson("api/runs", Map.of("taskId", "t".repeat(5000), "datasetId", "d\u0000")),
                400,
                "taskId",
                "datasetId");
    }

    @Test
    void aStringIsNotANumberOrABooleanInAnyField() {
        String runsBefore = admin.get("api/runs").json().path("total").asText();
        for (String field :
                List.of("population", "seed", "generations", "concurrency", "stagnationLimit", "targetComposite")) {
            for (String value : List.of(" ", "\t", "\u0000", "", "6", "0.5", "\n ")) {
                ObjectNode body = runBody().put(field, value);
                assertFields(sendJson("api/runs", body), 400, field);
            }
            assertFields(sendJson("api/runs", runBody().put(field, true)), 400, field);
        }
        for (String field : List.of("maxCalls", "maxUsd")) {
            ObjectNode body = runBody();
            body.putObject("budget").put(field, " ");
            assertFields(sendJson("api/runs", body), 400, "budget." + field);
        }
        assertThat(admin.get("api/runs").json().path("total").asText())
                .as("nothing started")
                .isEqualTo(runsBefore);

        for (Object value : List.of("30", " ", "\u0000", 1.5, true)) {
            assertFields(
                    sendJson("api/tokens", Map.of("subject", "s", "role", "viewer", "expiresInDays", value)),
                    400,
                    "expiresInDays");
        }
        for (String field : List.of("decisionTtlSeconds", "trafficFloor", "productionShare", "seed", "production")) {
            ObjectNode body = Api.JSON
                    .createObjectNode()
                    .put("name", "d")
                    .put("taskId", fixture.taskId())
                    .put(field, " ");
            body.putArray("genomes").add(DeploymentIT.baseGenome());
            assertFields(sendJson("api/deployments", body), 400, field);
        }
        String deployment = "api/deployments/" + fixture.deploymentId();
        assertFields(sendJson(deployment + "/invoke", Map.of("input", "x", "autoReward", "true")), 400, "autoReward");
        assertFields(sendJson(deployment + "/route", Map.of("unitKey", 5)), 400, "unitKey");
        assertFields(sendJson(deployment + "/arms/0/pause", Map.of("reason", false)), 400, "reason");
        for (Object value : List.of("0.5", " ", "\u0000", List.of(0.5))) {
            assertFields(
                    sendJson("api/decisions/" + fixture.decisionId() + "/reward", Map.of("reward", value)),
                    400,
                    "reward");
        }
    }

    @Test
    void detailsAreWrittenForApiUsersNotInJavaOrJacksonTerms() {
        Answer trailing = send("POST", "api/deployments", "application/json", "{\"name\":\"x\"} {}");
        assertProblem(trailing, 400);
        assertThat(trailing.json().path("detail").asText())
                .isEqualTo("the body is not valid JSON: trailing content after the JSON value (line 1, column 14)");
        assertProblem(send("POST", "api/runs", "application/json", "{\"seed\":1} {}"), 400);
        assertThat(send("POST", "api/runs", "application/json", "{\"seed\":NaN}")
                        .json()
                        .path("detail")
                        .asText())
                .isEqualTo("the body is not valid JSON: 'NaN' is not a JSON value (line 1, column 12)");
        assertProblem(send("POST", "api/tokens", "application/json", "[".repeat(3000)), 400);
        assertProblem(
                send("POST", "api/deployments/" + fixture.deploymentId() + "/route", "application/json", "{,}"), 400);
        assertFields(send("POST", "api/runs", "application/json", "{\"population\":99999999999}"), 400, "population");

        ObjectNode schemaRef = Fixtures.ticketTriageTask();
        ((ObjectNode) schemaRef.path("outputSchema")).put("$ref", "foo:bar");
        assertProblem(sendJson("api/tasks", schemaRef), 400);
    }

    @Test
    void theContainersOwnRefusalsAreProblemsToo() {
        for (String path : List.of("api/runs", "api/tasks", "api/datasets", "api/deployments")) {
            assertProblem(send("POST", path, "garbage", "{}"), 400);
        }
        assertProblem(send("GET", "api/tasks", "garbage", null), 400);
        assertProblem(send("GET", "nothing-here", null, null), 404);
        assertProblem(raw("GET /a%2Fb"), 404);
        assertProblem(raw("GET /api/tasks/a%2Fb"), 404);
        assertProblem(raw("POST /api/runs/a%2Fb/cancel"), 404);
        assertProblem(raw("GET /api/tasks/%2e%2e"), 404);
        assertProblem(raw("GET /api/tasks?offset=" + "9".repeat(40)), 400);
    }

    /**
     * What the HTTP listener refuses before any application sees the request: a NUL or a backslash
     * in the path, percent-encoding that is not UTF-8, a path above the root, a request line and
     * headers over its header buffer. No setting of the server gives these a body; this shows they are at least not 5xx.
     */
    @Test
    void whatTheListenerRefusesBeforeTheApplicationIsA400() {
        for (String target : List.of("/api/tasks/a%00b", "/api/tasks/a%5Cb", "/api/tasks/a%c0b", "/api/..%2F..%2F..")) {
            assertThat(raw("GET " + target).status()).as(target).isEqualTo(400);
        }
        assertThat(raw("GET /api/tasks?x=" + "a".repeat(200_000)).status()).isEqualTo(400);
    }

    /**
     * A query string far longer than any endpoint takes is a 414 problem. It reaches the API because the
     * server's header buffer holds 128 KiB ({@code src/test/payara/pre-boot-commands.txt}); with Payara's
     * default 8 KiB the listener answers an empty 400 itself.
     */
    @Test
    void aHundredKilobyteQueryStringIsA414Problem() {
        Answer refused = raw("GET /api/tasks?x=" + "a".repeat(100_000));

        assertProblem(refused, 414);
        assertThat(refused.json().path("detail").asText()).contains("100002 characters");
    }

    @Test
    void everyEndpointTakingABodyReadsOnlyItsDeclaredTypesAndRefusesOthersWith415() {
        JsonNode paths = admin.as(null).get("openapi?format=JSON").json().path("paths");
        List<String> checked = new ArrayList<>();
        paths.fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
                    JsonNode content = operation.getValue().path("requestBody").path("content");
                    if (content.isMissingNode()) {
                        return;
                    }
                    String wrong = content.has("application/json") ? "application/xml" : "application/json";
                    Answer refused = send(
                            operation.getKey().toUpperCase(),
                            concrete(path.getKey()).substring(1),
                            wrong,
                            "{}");
                    assertThat(refused.status())
                            .as(path.getKey() + " with " + wrong)
                            .isEqualTo(415);
                    assertProblem(refused, 415);
                    checked.add(path.getKey());
                }));
        assertThat(checked)
                .contains(
                        "/api/deployments/{id}/route",
                        "/api/deployments/{id}/arms/{position}/pause",
                        "/api/runs",
                        "/api/tasks",
                        "/api/tokens",
                        "/api/datasets");
        String route = "api/deployments/" + fixture.deploymentId() + "/route";
        assertProblem(send("POST", route, "text/plain", "{\"unitKey\":\"u\"}"), 415);
        assertThat(send("POST", route, null, null).status())
                .as("no body at all is still fine")
                .isEqualTo(200);
        assertThat(send("POST", route, "application/json", "{\"unitKey\":\"u\"}")
                        .status())
                .isEqualTo(200);
    }

    /**
     * Mutations of a valid body for every POST and PUT endpoint of the OpenAPI document: none may be a
     * 5xx, every refusal a problem with status, title and detail, no detail naming a class. A failure
     * names the seed, endpoint and body.
     */
    @Test
    void fuzzingEveryPostAndPutEndpointGivesOnlyProblems() {
        long seed = Long.getLong("promptevo.fuzz.seed", System.nanoTime());
        int count = Integer.getInteger("promptevo.fuzz.count", 2500);
        Map<String, Function<BodyFuzzer, BodyFuzzer.Mutant>> bodies = fuzzBodies();
        Map<String, String> endpoints = new TreeMap<>();
        admin.as(null)
                .get("openapi?format=JSON")
                .json()
                .path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
                    if (List.of("post", "put", "patch").contains(operation.getKey())) {
                        endpoints.put(
                                operation.getValue().path("operationId").asText(),
                                operation.getKey().toUpperCase() + " " + path.getKey());
                    }
                }));
        assertThat(new TreeSet<>(bodies.keySet()))
                .as("every POST and PUT endpoint has a valid body to mutate here")
                .isEqualTo(endpoints.keySet());

        SplittableRandom random = new SplittableRandom(seed);
        BodyFuzzer fuzzer = new BodyFuzzer(random, 100_000);
        List<String> operations = List.copyOf(endpoints.keySet());
        List<String> failures = new ArrayList<>();
        Instant start = Instant.now();
        System.out.printf("BadInputIT fuzz: seed %d, %d requests over %d endpoints%n", seed, count, operations.size());
        for (int i = 0; i < count && failures.size() < 20; i++) {
            String operation = operations.get(i % operations.size());
            String[] methodAndPath = endpoints.get(operation).split(" ", 2);
            String path = random.nextInt(12) == 0 ? unknownIds(methodAndPath[1], random) : concrete(methodAndPath[1]);
            BodyFuzzer.Mutant mutant = bodies.get(operation).apply(fuzzer);
            Answer answer = send(methodAndPath[0], path.substring(1), mutant.contentType(), mutant.body());
            // The simulated backend answers only the inputs of the deployment's dataset: a mutated input
            // is its 502, the answer the API documents for a backend that could not answer.
            boolean backendRefused = operation.equals("invokeDeployment")
                    && answer.status() == 502
                    && answer.json().path("type").asText().equals("urn:promptevo:problem:invocation-failed");
            Optional<String> fault = backendRefused ? Optional.empty() : fault(answer);
            if (fault.isPresent()) {
                String body = mutant.body().length() > 2000
                        ? mutant.body().substring(0, 2000) + "… ("
                                + mutant.body().length() + " characters)"
                        : mutant.body();
                failures.add("seed %d, request %d: %s %s (%s, Content-Type %s) with body %s%n  -> %s: %d %s %s"
                        .formatted(
                                seed,
                                i,
                                methodAndPath[0],
                                path,
                                mutant.mutation(),
                                mutant.contentType(),
                                body,
                                fault.get(),
                                answer.status(),
                                answer.contentType(),
                                answer.body().length() > 600 ? answer.body().substring(0, 600) : answer.body()));
            }
        }
        stopRunsStartedByTheFuzz();
        System.out.printf(
                "BadInputIT fuzz: seed %d, %d requests in %d s%n",
                seed, count, Duration.between(start, Instant.now()).toSeconds());
        assertThat(failures).as("replay with -Dpromptevo.fuzz.seed=" + seed).isEmpty();
    }

    private Map<String, Function<BodyFuzzer, BodyFuzzer.Mutant>> fuzzBodies() {
        ObjectNode run = runBody()
                .put("population", 2)
                .put("generations", 1)
                .put("seed", 7)
                .put("concurrency", 1)
                .put("stagnationLimit", 1)
                .put("targetComposite", 0.99);
        run.putObject("budget").put("maxCalls", 4).put("maxUsd", 0.01).put("maxWallTime", "PT5S");
        ObjectNode deployment = Api.JSON
                .createObjectNode()
                .put("name", "fuzz")
                .put("taskId", fixture.taskId())
                .put("datasetId", fixture.datasetId())
                .put("decisionTtlSeconds", 60)
                .put("trafficFloor", 0.05)
                .put("seed", 3)
                .put("production", 0);
        deployment.putArray("genomes").add(DeploymentIT.baseGenome());
        ObjectNode token = Api.JSON
                .createObjectNode()
                .put("subject", "fuzz")
                .put("role", "viewer")
                .put("team", "fuzz-team")
                .put("expiresInDays", 1);
        ObjectNode invoke = Api.JSON
                .createObjectNode()
                .put("input", tree(Fixtures.datasetLines(1)).path("input").asText())
                .put("autoReward", false)
                .put("unitKey", "user-1");
        List<JsonNode> lines =
                Fixtures.datasetLines(4).lines().map(BadInputIT::tree).toList();
        ObjectNode nothing = Api.JSON.createObjectNode().put("note", "ignored");
        Map<String, Function<BodyFuzzer, BodyFuzzer.Mutant>> bodies = new TreeMap<>();
        bodies.put("createTask", f -> f.json(Fixtures.ticketTriageTask()));
        bodies.put("uploadDataset", f -> f.lines(lines));
        bodies.put("startRun", f -> f.json(run));
        bodies.put("cancelRun", f -> f.json(nothing));
        bodies.put("resumeRun", f -> f.json(nothing));
        bodies.put("mintToken", f -> f.json(token));
        bodies.put("createDeployment", f -> f.json(deployment));
        bodies.put("routeDeployment", f -> f.json(Api.JSON.createObjectNode().put("unitKey", "user-1")));
        bodies.put("invokeDeployment", f -> f.json(invoke));
        bodies.put("pauseDeploymentArm", f -> f.json(Api.JSON.createObjectNode().put("reason", "fuzz")));
        bodies.put("resumeDeploymentArm", f -> f.json(nothing));
        bodies.put("promoteDeploymentArm", f -> f.json(nothing));
        bodies.put("rollbackDeploymentArm", f -> f.json(nothing));
        bodies.put("rewardDecision", f -> f.json(Api.JSON.createObjectNode().put("reward", 0.5)));
        bodies.put("ping", f -> f.json(nothing));
        return bodies;
    }

    /** What is wrong with an answer, if anything. */
    private static Optional<String> fault(Answer answer) {
        if (answer.status() >= 500) {
            return Optional.of("a server error");
        }
        if (answer.status() < 400) {
            return Optional.empty();
        }
        if (!answer.contentType().startsWith(PROBLEM)) {
            return Optional.of("not a problem");
        }
        JsonNode problem = answer.json();
        if (problem.path("status").asInt() != answer.status()
                || problem.path("title").asText().isBlank()
                || problem.path("detail").asText().isBlank()) {
            return Optional.of("a problem without status, title or detail");
        }
        List<String> texts = new ArrayList<>(problem.path("errors").findValuesAsText("message"));
        texts.add(problem.path("detail").asText());
        return texts.stream().anyMatch(text -> INTERNAL.matcher(text).find())
                ? Optional.of("a detail naming the server's internals")
                : Optional.empty();
    }

    private void stopRunsStartedByTheFuzz() {
        for (JsonNode run : admin.get("api/runs?taskId=" + fixture.taskId() + "&limit=200")
                .json()
                .path("items")) {
            if (List.of("QUEUED", "RUNNING").contains(run.path("status").asText())) {
                admin.postEmpty("api/runs/" + run.path("id").asText() + "/cancel");
            }
        }
    }

    private String concrete(String template) {
        return template.replace("/runs/{id}", "/runs/" + fixture.runId())
                .replace("/deployments/{id}", "/deployments/" + fixture.deploymentId())
                .replace("{position}", "0")
                .replace("{decisionId}", fixture.decisionId())
                .replace("{id}", fixture.taskId());
    }

    private static String unknownIds(String template, SplittableRandom random) {
        List<String> ids = List.of("x", "%2F", "%20", "-1", "0" + "9".repeat(30), "a".repeat(1000), "%C3%A9", "a%2Fb");
        return template.replaceAll("\\{[A-Za-z]+}", ids.get(random.nextInt(ids.size())));
    }

    private ObjectNode runBody() {
        return Api.JSON.createObjectNode().put("taskId", fixture.taskId()).put("datasetId", fixture.datasetId());
    }

    private static JsonNode tree(String json) {
        try {
            return Api.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.body()).startsWith(PROBLEM);
        assertThat(fault(answer)).as(answer.body()).isEmpty();
    }

    private static void assertFields(Answer answer, int status, String... fields) {
        assertProblem(answer, status);
        assertThat(answer.fields()).as(answer.body()).contains(fields);
    }

    private Answer sendJson(String path, Object body) {
        try {
            return send("POST", path, "application/json", Api.JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a request with the admin token; {@code contentType} {@code null} sends no such header. */
    private Answer send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + deployed.getPort() + "/" + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + ItServer.adminToken())
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends "{@code METHOD target}" over a plain socket, byte for byte: HTTP clients normalize or
     * refuse targets with {@code %2F}, {@code %00} or a 100 kB query.
     */
    private Answer raw(String requestLine) {
        try (Socket socket = new Socket("127.0.0.1", deployed.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ItServer.adminToken()
                            + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String response = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
            int headersEnd = response.indexOf("\r\n\r\n");
            String head = headersEnd < 0 ? response : response.substring(0, headersEnd);
            String body = headersEnd < 0 ? "" : response.substring(headersEnd + 4);
            int status = Integer.parseInt(head.substring(9, 12));
            String contentType = "";
            boolean chunked = false;
            for (String header : head.split("\r\n")) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = header.substring("content-type:".length()).strip();
                }
                chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
            }
            return new Answer(status, contentType, chunked ? dechunk(body) : body);
        } catch (IOException e) {
            throw new UncheckedIOException(requestLine.substring(0, Math.min(100, requestLine.length())), e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            in.transferTo(bytes);
        } catch (java.net.SocketException e) {
            // the server may reset the connection after refusing a request it could not read
        }
        return bytes.toByteArray();
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }
}
