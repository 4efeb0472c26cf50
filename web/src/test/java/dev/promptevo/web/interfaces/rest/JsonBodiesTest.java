package dev.promptevo.web.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.promptevo.web.interfaces.rest.dto.RunRequest;
import dev.promptevo.web.interfaces.rest.problem.JsonProblemMapper;
import org.junit.jupiter.api.Test;

/** The API's JSON is strict, and its errors carry the path of the field at fault. */
class JsonBodiesTest {
    private static JsonProcessingException refused(String json) {
        return refused(json, RunRequest.class);
    }

    private static JsonProcessingException refused(String json, Class<?> type) {
        JsonProcessingException e = catchThrowableOfType(
                JsonProcessingException.class, () -> JsonBodies.mapper().readValue(json, type));
        assertThat(e).as("expected %s to be refused", json).isNotNull();
        return e;
    }

    private static String path(String json) {
        return JsonProblemMapper.path((JsonMappingException) refused(json));
    }

    @Test
    void aWellFormedRequestIsRead() throws JsonProcessingException {
        RunRequest r = JsonBodies.mapper()
                .readValue(
                        "{\"taskId\":\"t\",\"datasetId\":\"d\",\"population\":6,\"budget\":{\"maxUsd\":2}}",
                        RunRequest.class);

        assertThat(r.population()).isEqualTo(6);
        assertThat(r.settings().maxUsd()).isEqualTo(2.0);
    }

    @Test
    void unknownFieldsAreRefusedWithTheirPath() {
        assertThat(refused("{\"populaton\":6}")).isInstanceOf(UnrecognizedPropertyException.class);
        assertThat(path("{\"populaton\":6}")).isEqualTo("populaton");
        assertThat(path("{\"budget\":{\"maxCall\":6}}")).isEqualTo("budget.maxCall");
    }

    @Test
    void aRunRequestNamingABackendAddressOrKeyIsRefusedAndToldWhereTheyComeFrom() {
        for (String field : java.util.List.of("baseUrl", "base_url", "apiKey", "backendSettings")) {
            String json = "{\"taskId\":\"t\",\"" + field + "\":\"http://169.254.169.254/\"}";
            assertThat(refused(json)).isInstanceOf(UnrecognizedPropertyException.class);
            assertThat(path(json)).isEqualTo(field);
            assertThat(JsonProblemMapper.serverOnly(field)).contains("server configuration only");
        }
        assertThat(JsonProblemMapper.serverOnly("populaton")).isEmpty();
    }

    @Test
    void scalarsAreNotCoerced() {
        assertThat(path("{\"population\":\"6\"}")).isEqualTo("population");
        assertThat(path("{\"budget\":{\"maxCalls\":1.5}}")).isEqualTo("budget.maxCalls");
        assertThat(path("{\"seed\":true}")).isEqualTo("seed");
        assertThat(path("{\"taskId\":1}")).isEqualTo("taskId");
        assertThat(path("{\"budget\":[1]}")).isEqualTo("budget");
    }

    @Test
    void blankOrEmptyStringsAreNotTakenForAMissingNumberBooleanOrObject() {
        for (String blank : java.util.List.of("\"\"", "\" \"", "\"\\t\"", "\"\\u0000\"", "\"\\n \"")) {
            for (String field : java.util.List.of(
                    "population", "seed", "generations", "concurrency", "stagnationLimit", "targetComposite")) {
                assertThat(path("{\"" + field + "\":" + blank + "}")).isEqualTo(field);
            }
            assertThat(path("{\"budget\":{\"maxUsd\":" + blank + "}}")).isEqualTo("budget.maxUsd");
            assertThat(path("{\"budget\":" + blank + "}")).isEqualTo("budget");
            assertThat(path("{\"mutations\":" + blank + "}")).isEqualTo("mutations");
            assertThat(refused(
                            "{\"expiresInDays\":" + blank + "}",
                            dev.promptevo.web.interfaces.rest.dto.TokenRequest.class))
                    .isInstanceOf(JsonMappingException.class);
        }
    }

    @Test
    void duplicateKeysAndTrailingContentAreRefused() {
        assertThat(refused("{\"population\":6,\"population\":7}")).isInstanceOf(JsonParseException.class);
        assertThat(refused("{\"population\":6} {}")).isInstanceOf(JsonMappingException.class);
    }
}
