package dev.promptevo.web.interfaces.rest.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptevo.web.interfaces.rest.JsonBodies;
import dev.promptevo.web.interfaces.rest.dto.RunRequest;
import org.junit.jupiter.api.Test;

/** What a client reads when its JSON is refused: the field and the reason, never Jackson's classes or features. */
class JsonProblemMapperTest {
    private static Problem problem(String json, Class<?> type) {
        JsonProcessingException e = catchThrowableOfType(
                JsonProcessingException.class, () -> JsonBodies.mapper().readValue(json, type));
        assertThat(e).as("expected %s to be refused", json).isNotNull();
        Problem problem = JsonProblemMapper.problem(e, null);
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.detail()).doesNotContainPattern(JsonProblemMapper.INTERNAL);
        problem.errors()
                .forEach(error -> assertThat(error.message()).doesNotContainPattern(JsonProblemMapper.INTERNAL));
        return problem;
    }

    @Test
    void trailingContentIsSaidInWordsForEveryTarget() {
        for (Class<?> type : new Class<?>[] {JsonNode.class, RunRequest.class}) {
            Problem problem = problem("{\"seed\":1} {}", type);
            assertThat(problem.type()).isEqualTo(Problem.URN + "malformed-json");
            assertThat(problem.detail())
                    .startsWith("the body is not valid JSON: trailing content after the JSON value");
        }
    }

    @Test
    void aSyntaxErrorNamesWhereItIsWithoutParserFeatures() {
        assertThat(problem("{\"seed\":NaN}", JsonNode.class).detail())
                .isEqualTo("the body is not valid JSON: 'NaN' is not a JSON value (line 1, column 12)");
        assertThat(problem("{\"seed\": 1 // c\n}", JsonNode.class).detail())
                .startsWith("the body is not valid JSON: unexpected character")
                .contains("line 1");
        assertThat(problem("{\"seed\":", JsonNode.class).detail())
                .startsWith("the body is not valid JSON: unexpected end");
        assertThat(problem("[".repeat(1500), JsonNode.class).detail()).contains("nested too deeply");
    }

    @Test
    void aWrongTypeOrANumberOutOfRangeNamesTheField() {
        Problem blank = problem("{\"population\":\" \"}", RunRequest.class);
        assertThat(blank.errors())
                .singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("population"));
        assertThat(blank.detail()).startsWith("population: must be a whole number");

        Problem range = problem("{\"population\":99999999999}", RunRequest.class);
        assertThat(range.errors())
                .singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("population"));
        assertThat(range.detail()).isEqualTo("population: must be a whole number in the range of a 32-bit integer");

        assertThat(problem("{\"seed\":1e400}", RunRequest.class).errors().get(0).field())
                .isEqualTo("seed");
        assertThat(problem("{\"budget\":{\"maxCalls\":\"\\u0000\"}}", RunRequest.class)
                        .errors()
                        .get(0)
                        .field())
                .isEqualTo("budget.maxCalls");
    }

    @Test
    void exceptionClassNamesAreTakenOutOfMessages() {
        assertThat(Problems.forClients(
                        "outputSchema: the output schema cannot be compiled: java.net.MalformedURLException: unknown"
                                + " protocol: foo"))
                .isEqualTo("outputSchema: the output schema cannot be compiled: unknown protocol: foo");
        assertThat(Problems.forClients("must be in [0, 1], got 2")).isEqualTo("must be in [0, 1], got 2");
        assertThat(Problems.forClients("not valid JSON: Document nesting depth (1001) exceeds the maximum allowed"
                        + " (1000, from `StreamReadConstraints.getMaxNestingDepth()`)"))
                .isEqualTo("not valid JSON: Document nesting depth (1001) exceeds the maximum allowed");
        assertThat(
                        Problems.forClients(
                                "not valid JSON: Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow"))
                .isEqualTo("not valid JSON: Non-standard token 'NaN'");
        assertThat(Problems.forClients(
                        "not valid JSON: Unexpected end-of-input: expected close marker for Object (start"
                                + " marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1,"
                                + " column: 1])"))
                .isEqualTo("not valid JSON: Unexpected end-of-input: expected close marker for Object");
    }
}
