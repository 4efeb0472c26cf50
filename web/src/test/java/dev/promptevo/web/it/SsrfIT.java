package dev.promptevo.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No request makes the server fetch a URL or read a file (issue #11): a task's output schema that
 * refers outside itself is refused at once, naming the field, before any connection, and the answer
 * for a file that exists is the answer for one that does not. A {@link LoopbackListener} stands for an
 * internal service: it counts connections, and holds any it gets without answering, so a fetch would
 * also show as a request that takes the client's whole timeout.
 */
@ExtendWith(ArquillianExtension.class)
class SsrfIT {
    private static final String PROBLEM = "application/problem+json";
    private static final Duration QUICKLY = Duration.ofSeconds(5);

    private static LoopbackListener listener;

    @ArquillianResource
    private URL deployed;

    private Api operator;

    @Deployment(testable = false)
    static WebArchive war() {
        return ItServer.war();
    }

    @BeforeAll
    static void listen() throws IOException {
        listener = new LoopbackListener();
    }

    @AfterAll
    static void stop() throws IOException {
        listener.close();
    }

    @BeforeEach
    void client() {
        Api admin = new Api(deployed.getPort(), ItServer.adminToken());
        Api.Reply minted = admin.postJson(
                "api/tokens",
                Api.JSON
                        .createObjectNode()
                        .put("subject", "ssrf-" + UUID.randomUUID())
                        .put("role", "operator")
                        .put("expiresInDays", 1));
        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
        operator = admin.as(minted.json().path("token").asText()).within(QUICKLY.multipliedBy(2));
    }

    @AfterEach
    void nothingWasFetched() {
        assertThat(listener.connections())
                .as("connections the server made to the loopback listener")
                .isZero();
    }

    @Test
    void aTaskWhoseSchemaRefersOutsideItselfIsRefusedAtOnceWithoutAConnection() throws IOException {
        int port = listener.port();
        Path jar = Files.createTempFile(tmp(), "schemas", ".jar");
        List<String> references = List.of(
                "http://127.0.0.1:" + port + "/x.json",
                "http://localhost:" + port + "/x.json",
                "http://[::1]:" + port + "/x.json",
                "http://2130706433:" + port + "/x.json",
                "http://127.1:" + port + "/x.json",
                "https://127.0.0.1:" + port + "/x.json",
                "ftp://127.0.0.1:" + port + "/x.json",
                "gopher://127.0.0.1:" + port + "/_x",
                "file:///etc/passwd",
                "jar:" + jar.toUri() + "!/x.json",
                "netdoc:///etc/passwd",
                "//127.0.0.1:" + port + "/x.json");
        for (String reference : references) {
            Api.Reply reply = created(schemaReferring(reference));

            assertRefused(reply, reference);
            assertThat(reply.problemError(0).path("message").asText())
                    .as(reference)
                    .contains("refers to \"" + reference + "\"", " at /properties/category/$ref, outside the schema");
        }

        String base = "http://127.0.0.1:" + port + "/root.json";
        ObjectNode relative = schemaReferring("x.json").put("$id", base);
        assertRefused(created(relative), "http://127.0.0.1:" + port + "/x.json");

        ObjectNode nested = schemaReferring("#/$defs/list");
        nested.putObject("$defs")
                .putObject("list")
                .put("type", "array")
                .putObject("items")
                .putArray("allOf")
                .addObject()
                .put("$ref", "http://127.0.0.1:" + port + "/deep.json");
        Api.Reply deep = created(nested);
        assertRefused(deep, "http://127.0.0.1:" + port + "/deep.json");
        assertThat(deep.problemError(0).path("message").asText()).contains(" at /$defs/list/items/allOf/0/$ref, ");

        String meta = "http://127.0.0.1:" + port + "/meta.json";
        ObjectNode rootMeta = schemaReferring("#/$defs/a").put("$schema", meta);
        ObjectNode nestedMeta = schemaReferring("#/$defs/a");
        nestedMeta
                .putObject("$defs")
                .putObject("a")
                .put("$id", "http://example.com/a.json")
                .put("$schema", meta);
        for (ObjectNode metaSchema : List.of(rootMeta, nestedMeta)) {
            Api.Reply reply = created(metaSchema);
            assertRefused(reply, meta);
            assertThat(reply.problemError(0).path("message").asText()).contains("no other meta-schema is fetched");
        }
    }

    @Test
    void anExistingAndAMissingFileGetTheSameAnswer() throws IOException {
        Path existing = Files.writeString(Files.createTempFile(tmp(), "ssrf", ".json"), "{\"type\": \"string\"}");
        Path missing = tmp().resolve("ssrf-" + UUID.randomUUID() + ".json");

        Api.Reply there = created(schemaReferring(existing.toUri().toString()));
        Api.Reply notThere = created(schemaReferring(missing.toUri().toString()));

        assertRefused(there, existing.toUri().toString());
        assertRefused(notThere, missing.toUri().toString());
        assertThat(there.body().replace(existing.toUri().toString(), "FILE"))
                .isEqualTo(notThere.body().replace(missing.toUri().toString(), "FILE"));
    }

    @Test
    void noOtherRequestTakesASchema() {
        String reference = "http://127.0.0.1:" + listener.port() + "/x.json";
        JsonNode schema = schemaReferring(reference);
        ObjectNode run = Api.JSON.createObjectNode().put("taskId", "t").put("datasetId", "d");
        ObjectNode deployment = Api.JSON.createObjectNode().put("name", "ssrf").put("taskId", "t");
        for (var request : List.of(Map.entry("api/runs", run), Map.entry("api/deployments", deployment))) {
            String path = request.getKey();
            ObjectNode body = request.getValue();
            body.set("outputSchema", schema);

            Api.Reply reply = timed(() -> operator.postJson(path, body));

            assertProblem(reply, 400);
            assertThat(reply.json().path("errors").findValuesAsText("field"))
                    .as(path)
                    .contains("outputSchema");
        }
    }

    @Test
    void aRunOnASchemaWithInternalReferencesFetchesNothing() {
        // Every reference resolves to a URL on the listener, and to a subschema of the document itself.
        String at = "http://127.0.0.1:" + listener.port() + "/";
        ObjectNode ticket = (ObjectNode) Fixtures.ticketTriageTask().get("outputSchema");
        ticket.remove("$schema");
        ticket.put("$id", at + "ticket.json");
        ObjectNode schema =
                Api.JSON.createObjectNode().put("$id", at + "root.json").put("$ref", "ticket.json");
        schema.putObject("$defs").set("ticket", ticket);
        ObjectNode task = Fixtures.ticketTriageTask();
        task.set("outputSchema", schema);

        Api.Reply created = timed(() -> operator.postJson("api/tasks", task));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api.Reply dataset = operator.post("api/datasets?name=ssrf", "application/x-ndjson", Fixtures.datasetLines(3));
        assertThat(dataset.status()).as(dataset.body()).isEqualTo(201);
        Api.Reply run = timed(() -> operator.postJson(
                "api/runs",
                Api.JSON
                        .createObjectNode()
                        .put("taskId", created.json().path("id").asText())
                        .put("datasetId", dataset.json().path("id").asText())
                        .put("population", 2)
                        .put("generations", 1)));
        assertThat(run.status()).as(run.body()).isEqualTo(202);

        assertThat(finished(run.json().path("id").asText()).path("status").asText())
                .isEqualTo("COMPLETED");
    }

    /** The example task with {@code {"$ref": reference}} as the schema of its {@code category} field. */
    private static ObjectNode schemaReferring(String reference) {
        ObjectNode schema = (ObjectNode) Fixtures.ticketTriageTask().get("outputSchema");
        ObjectNode category = Api.JSON.createObjectNode().put("$ref", reference);
        ((ObjectNode) schema.get("properties")).set("category", category);
        return schema;
    }

    private Api.Reply created(ObjectNode schema) {
        ObjectNode task = Fixtures.ticketTriageTask();
        task.set("outputSchema", schema);
        return timed(() -> operator.postJson("api/tasks", task));
    }

    private static Api.Reply timed(java.util.function.Supplier<Api.Reply> request) {
        Instant start = Instant.now();
        Api.Reply reply = request.get();
        assertThat(Duration.between(start, Instant.now())).as(reply.body()).isLessThan(QUICKLY);
        return reply;
    }

    private JsonNode finished(String runId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (true) {
            JsonNode run = operator.within(Duration.ofSeconds(60))
                    .get("api/runs/" + runId)
                    .json();
            if (List.of("COMPLETED", "FAILED", "CANCELLED")
                            .contains(run.path("status").asText())
                    || Instant.now().isAfter(deadline)) {
                return run;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A folder of the machine the server runs on: the tests and the server share it. */
    private static Path tmp() {
        return Path.of(System.getProperty("promptevo.it.tmp"));
    }

    private static void assertRefused(Api.Reply reply, String reference) {
        assertProblem(reply, 400);
        assertThat(reply.json().path("errors").findValuesAsText("field"))
                .as(reference)
                .containsExactly("outputSchema");
        assertThat(reply.problemError(0).path("message").asText())
                .as(reference)
                .contains(reference)
                .containsAnyOf("outside the schema", "no other meta-schema is fetched")
                .doesNotContainIgnoringCase("exception");
    }

    private static void assertProblem(Api.Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith(PROBLEM);
        assertThat(reply.json().path("status").asInt()).isEqualTo(status);
        assertThat(reply.json().path("detail").asText()).contains("outputSchema");
    }
}
