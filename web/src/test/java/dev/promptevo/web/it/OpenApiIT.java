package dev.promptevo.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAPI document the server serves at {@code /openapi} is a valid OpenAPI document, in YAML and
 * in JSON, and describes exactly the API: every JAX-RS resource method of the deployed WAR (found by
 * reflection) is an operation of the document, and every operation of the document is a resource method.
 */
@ExtendWith(ArquillianExtension.class)
class OpenApiIT {
    /**
     * Payara 6 adds a top-level {@code endpoints} map of its own to every document: not an {@code x-}
     * extension, so not valid OpenAPI, and nothing in the application can remove it. It is the only
     * problem let through; any other fails the test.
     */
    private static final String PAYARA_ENDPOINTS = "attribute endpoints is unexpected";

    @ArquillianResource
    private URL deployed;

    @Deployment(testable = false)
    static WebArchive war() {
        return ItServer.war();
    }

    @Test
    void theDocumentIsValidInBothFormatsAndMatchesTheResourceMethods() throws Exception {
        Api anonymous = new Api(deployed.getPort(), null);
        Api.Reply yaml = anonymous.get("openapi");
        Api.Reply json = anonymous.get("openapi?format=JSON");
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(json.status()).isEqualTo(200);
        // Kept for a look when the test fails (target/ is the build's folder).
        Files.writeString(Path.of(System.getProperty("promptevo.it.tmp"), "openapi.yaml"), yaml.body());
        Files.writeString(Path.of(System.getProperty("promptevo.it.tmp"), "openapi.json"), json.body());
        assertThat(yaml.body()).startsWith("openapi: ");
        assertThat(json.contentType()).contains("json");

        assertThat(OpenApiContract.problems(yaml.body()))
                .as("YAML")
                .filteredOn(p -> !p.equals(PAYARA_ENDPOINTS))
                .isEmpty();
        assertThat(OpenApiContract.problems(json.body()))
                .as("JSON")
                .filteredOn(p -> !p.equals(PAYARA_ENDPOINTS))
                .isEmpty();

        var served = OpenApiContract.served(Path.of(System.getProperty("promptevo.it.war")));
        assertThat(served).as("resource methods found in the WAR").hasSizeGreaterThan(30);
        assertThat(OpenApiContract.documented(json.body()))
                .as("the JSON document's operations are the resource methods")
                .containsExactlyElementsOf(served);
        assertThat(OpenApiContract.documented(yaml.body()))
                .as("the YAML document's operations are the resource methods")
                .containsExactlyElementsOf(served);
    }
}
