package dev.promptevo.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.jupiter.api.Test;

class FieldAccuracyTest {
    private static final JsonNode EXPECTED =
            json("{\"category\": \"billing\", \"priority\": \"high\", \"order_id\": \"ORD-123456\"}");

    private static JsonNode json(String text) {
        try {
            return Jsons.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anIdenticalObjectIsExact() {
        FieldAccuracy.Result result = FieldAccuracy.score(
                EXPECTED, json("{\"order_id\": \"ORD-123456\", \"priority\": \"high\", \"category\": \"billing\"}"));

        assertThat(result.accuracy()).isEqualTo(1.0);
        assertThat(result.exact()).isTrue();
        assertThat(result.mismatches()).isEmpty();
    }

    @Test
    void accuracyIsTheShareOfExpectedFieldsMatched() {
        FieldAccuracy.Result result = FieldAccuracy.score(
                EXPECTED, json("{\"category\": \"billing\", \"priority\": \"medium\", \"order_id\": \"ORD-123456\"}"));

        assertThat(result.accuracy()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(result.exact()).isFalse();
        assertThat(result.mismatches()).containsExactly("field priority: expected \"high\", got \"medium\"");
    }

    @Test
    void missingAndNullFieldsAreMismatchesWithDistinctMessages() {
        FieldAccuracy.Result result =
                FieldAccuracy.score(EXPECTED, json("{\"category\": \"billing\", \"order_id\": null}"));

        assertThat(result.accuracy()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(result.mismatches())
                .containsExactly(
                        "field priority: expected \"high\", got nothing",
                        "field order_id: expected \"ORD-123456\", got null");
    }

    @Test
    void stringsCompareExactlyAndNumbersByValue() {
        JsonNode expected = json("{\"priority\": \"high\", \"count\": 3, \"ratio\": 0.5}");

        FieldAccuracy.Result result =
                FieldAccuracy.score(expected, json("{\"priority\": \"High\", \"count\": 3.0, \"ratio\": 5e-1}"));

        assertThat(result.mismatches()).containsExactly("field priority: expected \"high\", got \"High\"");
        assertThat(result.accuracy()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void extraFieldsDoNotLowerAccuracyButAreNotExact() {
        FieldAccuracy.Result result = FieldAccuracy.score(
                EXPECTED,
                json("{\"category\": \"billing\", \"priority\": \"high\", \"order_id\": \"ORD-123456\", \"x\": 1}"));

        assertThat(result.accuracy()).isEqualTo(1.0);
        assertThat(result.exact()).isFalse();
    }

    @Test
    void nestedValuesCompareWhole() {
        JsonNode expected = json("{\"customer\": {\"name\": \"Ada\", \"tier\": \"gold\"}, \"tags\": [\"a\", \"b\"]}");

        FieldAccuracy.Result result = FieldAccuracy.score(
                expected, json("{\"customer\": {\"tier\": \"gold\", \"name\": \"Ada\"}, \"tags\": [\"b\", \"a\"]}"));

        assertThat(result.accuracy()).isEqualTo(0.5);
        assertThat(result.mismatches()).containsExactly("field tags: expected [\"a\",\"b\"], got [\"b\",\"a\"]");
    }

    @Test
    void aNonObjectOutputMissesEveryField() {
        FieldAccuracy.Result result = FieldAccuracy.score(EXPECTED, MissingNode.getInstance());

        assertThat(result.accuracy()).isZero();
        assertThat(result.mismatches()).hasSize(3).allMatch(line -> line.endsWith("got nothing"));
    }

    @Test
    void nothingExpectedIsFullyAccurate() {
        assertThat(FieldAccuracy.score(json("{}"), json("{\"a\": 1}")).accuracy())
                .isEqualTo(1.0);
    }
}
