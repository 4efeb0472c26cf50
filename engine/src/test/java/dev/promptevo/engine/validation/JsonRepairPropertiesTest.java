package dev.promptevo.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

class JsonRepairPropertiesTest {

    @Property(tries = 3000, seed = "20240611")
    void anyStringIsParsedWithoutThrowing(@ForAll String raw) {
        ParsedOutput parsed = JsonRepair.parse(raw);

        assertThat(parsed.json().isPresent()).isNotEqualTo(parsed.parseError().isPresent());
    }

    @Property(tries = 3000, seed = "20240611")
    void jsonLookingNoiseIsParsedWithoutThrowing(
            @ForAll
                    @StringLength(max = 80)
                    @Chars({
                        '{', '}', '[', ']', '"', '\'', ',', ':', '\\', ' ', '\n', 't', 'r', 'u', 'e', '1', '.', '-',
                        'A', '`'
                    })
                    String raw) {
        ParsedOutput parsed = JsonRepair.parse(raw);

        parsed.json().ifPresent(json -> assertThat(json.isObject()).isTrue());
        assertThat(parsed.json().isPresent()).isNotEqualTo(parsed.parseError().isPresent());
    }

    @Property(tries = 500, seed = "20240611")
    void validObjectsRoundTripWithoutRepairs(@ForAll("objects") ObjectNode object, @ForAll boolean pretty)
            throws Exception {
        String text = render(object, pretty);

        ParsedOutput parsed = JsonRepair.parse(text);

        assertThat(parsed.json()).contains(Jsons.MAPPER.readTree(text));
        assertThat(Jsons.equivalent(parsed.json().orElseThrow(), object)).isTrue();
        assertThat(parsed.repairs()).isZero();
        assertThat(JsonRepair.parse("Reasoning: ok.\nAnswer: " + text).repairs())
                .isZero();
    }

    @Property(tries = 200, seed = "20240611")
    void everyPrefixOfAnObjectIsRepairedIntoAnObject(@ForAll("objects") ObjectNode object, @ForAll boolean pretty)
            throws Exception {
        String text = render(object, pretty);

        for (int cut = 1; cut < text.length(); cut++) {
            ParsedOutput parsed = JsonRepair.parse(text.substring(0, cut));

            assertThat(parsed.json())
                    .as("prefix %s", text.substring(0, cut))
                    .hasValueSatisfying(json -> assertThat(json.isObject()).isTrue());
            assertThat(parsed.repairsApplied()).contains("closed a truncated object");
        }
    }

    private static String render(JsonNode node, boolean pretty) throws Exception {
        return pretty
                ? Jsons.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node)
                : Jsons.MAPPER.writeValueAsString(node);
    }

    @Provide
    Arbitrary<ObjectNode> objects() {
        return objectOf(values(2));
    }

    private static Arbitrary<JsonNode> values(int depth) {
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(TextNode::valueOf),
                Arbitraries.longs().map(LongNode::valueOf),
                Arbitraries.bigDecimals()
                        .ofScale(3)
                        .between(new BigDecimal("-1e6"), new BigDecimal("1e6"))
                        .map(DecimalNode::valueOf),
                Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE, NullNode.getInstance()));
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<JsonNode> nested = values(depth - 1);
        return Arbitraries.frequencyOf(
                Tuple.of(6, scalars),
                Tuple.of(1, objectOf(nested).map(JsonNode.class::cast)),
                Tuple.of(1, arrayOf(nested)));
    }

    private static Arbitrary<ObjectNode> objectOf(Arbitrary<JsonNode> values) {
        Arbitrary<String> keys = Arbitraries.strings().ofMaxLength(8);
        return Combinators.combine(keys.list().ofMaxSize(5), values.list().ofSize(5))
                .as((names, vals) -> {
                    ObjectNode object = Jsons.MAPPER.createObjectNode();
                    for (int i = 0; i < names.size(); i++) {
                        object.set(names.get(i), vals.get(i));
                    }
                    return object;
                });
    }

    private static Arbitrary<JsonNode> arrayOf(Arbitrary<JsonNode> values) {
        return values.list().ofMaxSize(4).map(JsonRepairPropertiesTest::array);
    }

    private static JsonNode array(List<JsonNode> elements) {
        ArrayNode array = Jsons.MAPPER.createArrayNode();
        elements.forEach(array::add);
        return array;
    }
}
