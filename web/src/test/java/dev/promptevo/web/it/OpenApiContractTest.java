package dev.promptevo.web.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.web.interfaces.rest.PromptEvoApi;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenApiContract} catches what {@link OpenApiIT} is there to catch: an invalid document, a
 * resource method the document leaves out, and an operation no resource method serves.
 */
class OpenApiContractTest {
    private static final String VALID = """
            {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
             "paths": {
               "/api/things": {"get": {"responses": {"200": {"description": "ok"}}}},
               "/api/things/{id}": {
                 "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                 "delete": {"responses": {"204": {"description": "gone"}}}}}}
            """;

    @Path("things")
    public static class Things {
        @GET
        public String list() {
            return "";
        }

        @DELETE
        @Path("{id: [a-z]+}/")
        public void delete() {}
    }

    @Path("/things")
    public static class MoreThings {
        @POST
        public void create() {}
    }

    @Test
    void aValidDocumentHasNoProblemsAndAnInvalidOneIsReported() {
        assertThat(OpenApiContract.problems(VALID)).isEmpty();

        String noVersionNoDescription =
                VALID.replace("\"version\": \"1\"", "\"versio\": \"1\"").replace("\"description\": \"ok\"", "\"x\": 1");
        assertThat(OpenApiContract.problems(noVersionNoDescription))
                .anySatisfy(problem -> assertThat(problem).contains("info.version"))
                .anySatisfy(problem -> assertThat(problem).contains("description"));
        assertThat(OpenApiContract.problems(VALID.replace("\"get\": {", "\"get\": {\"parameters\": 7, ")))
                .isNotEmpty();
        assertThat(OpenApiContract.problems("{\"swagger\": \"2.0\"}")).isNotEmpty();
    }

    @Test
    void theResourceMethodsAreReadWithTheApplicationPathAndPlainTemplates() {
        assertThat(OpenApiContract.served(List.of(PromptEvoApi.class, Things.class)))
                .extracting(Object::toString)
                .containsExactly("DELETE /api/things/{id}", "GET /api/things");
        assertThat(OpenApiContract.documented(VALID))
                .containsExactlyElementsOf(OpenApiContract.served(List.of(PromptEvoApi.class, Things.class)));
    }

    @Test
    void aResourceMethodMissingFromTheDocumentOrAnOperationWithoutOneFailsTheCheck() {
        var added = OpenApiContract.served(List.of(PromptEvoApi.class, Things.class, MoreThings.class));
        assertThatThrownBy(() -> assertThat(OpenApiContract.documented(VALID)).containsExactlyElementsOf(added))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("POST /api/things");

        var removed = OpenApiContract.served(List.of(PromptEvoApi.class, MoreThings.class));
        assertThatThrownBy(() -> assertThat(OpenApiContract.documented(VALID)).containsExactlyElementsOf(removed))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /api/things");
    }
}
