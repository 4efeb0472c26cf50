package dev.promptevo.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptevo.api.search.MutationOperator;
import dev.promptevo.web.it.plugin.ColdStartMutation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A plugin jar dropped into the server's plugins folder ({@code promptevo.plugins-dir}, set for the
 * test server in {@code arquillian.xml}) is found when the WAR starts, listed by {@code /api/plugins}
 * with its version, and used by a run started over HTTP. The jar is packed here, from the test
 * sources' {@link ColdStartMutation}, before the WAR is deployed; the WAR itself does not contain it.
 */
@ExtendWith(ArquillianExtension.class)
class PluginDropInIT {
    static final String PLUGIN_VERSION = "2.3.1";

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
    void theDroppedInOperatorIsListedWithItsVersion() {
        Api.Reply plugins = api.get("api/plugins");

        assertThat(plugins.status()).as(plugins.body()).isEqualTo(200);
        JsonNode coldStart = find(plugins.json().path("mutations"), ColdStartMutation.ID);
        assertThat(coldStart.path("version").asText()).isEqualTo(PLUGIN_VERSION);
        assertThat(coldStart.path("implementation").asText()).isEqualTo(ColdStartMutation.class.getName());
        assertThat(plugins.json().path("mutations").findValuesAsText("id"))
                .as("the built-in operators are still there")
                .contains("mutate.cot.toggle");
    }

    @Test
    void aRunStartedOverHttpWithTheOperatorHasItInItsLineage() {
        String taskId = created(api.postJson("api/tasks", Fixtures.ticketTriageTask()));
        String datasetId =
                created(api.post("api/datasets?name=plugin-run", "application/x-ndjson", Fixtures.datasetLines(20)));
        ObjectNode request = Api.JSON
                .createObjectNode()
                .put("taskId", taskId)
                .put("datasetId", datasetId)
                .put("population", 6)
                .put("generations", 2)
                .put("seed", 11);
        request.putArray("mutations").add(ColdStartMutation.ID);

        Api.Reply started = api.postJson("api/runs", request);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().path("settings").path("mutations").toString())
                .isEqualTo("[\"" + ColdStartMutation.ID + "\"]");
        String runId = started.json().path("id").asText();
        awaitCompleted(runId, Duration.ofSeconds(90));

        JsonNode candidates =
                api.get("api/runs/" + runId + "/candidates?limit=200").json();
        List<String> operators = candidates.path("items").findValuesAsText("operator");
        assertThat(operators).anySatisfy(op -> assertThat(op).contains(ColdStartMutation.ID));
        assertThat(operators)
                .as("the run used only the operator it named, no built-in mutation")
                .noneSatisfy(op -> assertThat(op).contains("mutate."));
    }

    @Test
    void aRunNamingAnOperatorThatIsNotInstalledIsRefusedNamingTheField() {
        ObjectNode request = Api.JSON
                .createObjectNode()
                .put("taskId", created(api.postJson("api/tasks", Fixtures.ticketTriageTask())))
                .put(
                        "datasetId",
                        created(api.post("api/datasets?name=p", "application/x-ndjson", Fixtures.datasetLines(2))));
        request.putArray("mutations").add(ColdStartMutation.ID).add("acme.not-installed");

        Api.Reply refused = api.postJson("api/runs", request);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactly("mutations[1]");
        assertThat(refused.problemError(0).path("message").asText())
                .contains("acme.not-installed", ColdStartMutation.ID);
    }

    /** Packs the operator's class, its service entry and a manifest with its version into a jar in {@code folder}. */
    static void dropPluginJar(Path folder) {
        String classFile = ColdStartMutation.class.getName().replace('.', '/') + ".class";
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_TITLE, "acme-operators");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, PLUGIN_VERSION);
        try (InputStream bytes = ColdStartMutation.class.getClassLoader().getResourceAsStream(classFile)) {
            Files.createDirectories(folder);
            try (JarOutputStream jar =
                    new JarOutputStream(Files.newOutputStream(folder.resolve("acme-operators.jar")), manifest)) {
                jar.putNextEntry(new JarEntry(classFile));
                bytes.transferTo(jar);
                jar.closeEntry();
                jar.putNextEntry(new JarEntry("META-INF/services/" + MutationOperator.class.getName()));
                jar.write((ColdStartMutation.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plugin jar into " + folder, e);
        }
    }

    private static String created(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().path("id").asText();
    }

    private static JsonNode find(JsonNode plugins, String id) {
        for (JsonNode plugin : plugins) {
            if (plugin.path("id").asText().equals(id)) {
                return plugin;
            }
        }
        throw new AssertionError("no plugin '" + id + "' in " + plugins);
    }

    private void awaitCompleted(String runId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode run;
        do {
            run = api.get("api/runs/" + runId).json();
            String status = run.path("status").asText();
            if (status.equals("COMPLETED")) {
                return;
            }
            assertThat(status).as(run.toString()).isNotIn("FAILED", "CANCELLED");
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("run " + runId + " did not complete in " + timeout + ": " + run);
    }
}
