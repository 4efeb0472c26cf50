package dev.promptevo.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonRepairTest {
    private static final String TICKET =
            "{\"category\": \"billing\", \"priority\": \"high\", \"order_id\": \"ORD-123456\"}";

    private static JsonNode json(String text) throws Exception {
        return Jsons.MAPPER.readTree(text);
    }

    @Test
    void aStrictObjectNeedsNoRepair() throws Exception {
        ParsedOutput parsed = JsonRepair.parse(TICKET);

        assertThat(parsed.json()).contains(json(TICKET));
        assertThat(parsed.repairs()).isZero();
        assertThat(parsed.repairsApplied()).isEmpty();
        assertThat(parsed.parseError()).isEmpty();
        assertThat(parsed.normalizedText())
                .isEqualTo("{\"category\":\"billing\",\"order_id\":\"ORD-123456\",\"priority\":\"high\"}");
    }

    @Test
    void theAnswerAfterChainOfThoughtIsTheExpectedFormatNotARepair() throws Exception {
        String raw = "Reasoning: the customer says Answer: maybe billing.\n"
                + "Answer: a first guess\n"
                + "More reasoning: the order id is given.\n"
                + "Answer: " + TICKET + "\n";

        ParsedOutput parsed = JsonRepair.parse(raw);

        assertThat(parsed.json()).contains(json(TICKET));
        assertThat(parsed.repairs()).isZero();
    }

    @Test
    void theAnswerMayStillNeedRepairs() throws Exception {
        ParsedOutput parsed = JsonRepair.parse("Reasoning: easy.\nAnswer: ```json\n" + TICKET + "\n```");

        assertThat(parsed.json()).contains(json(TICKET));
        assertThat(parsed.repairsApplied()).containsExactly("stripped markdown code fences");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            fenced with a language tag   | ```json\\n%s\\n```                       | stripped markdown code fences
            fenced without a tag         | ```\\n%s\\n```                           | stripped markdown code fences
            fence left open              | ```json\\n%s                             | stripped markdown code fences
            preamble                     | Here is the ticket you asked for: %s     | dropped prose before the JSON object
            trailing prose               | %s\\n\\nLet me know if you need more.    | dropped prose after the JSON object
            an extra closing brace       | %s}                                      | dropped prose after the JSON object
            """)
    void eachTextualRepairIsCountedOnce(String name, String template, String repair) throws Exception {
        ParsedOutput parsed = JsonRepair.parse(template.replace("\\n", "\n").formatted(TICKET));

        assertThat(parsed.json()).contains(json(TICKET));
        assertThat(parsed.repairsApplied()).containsExactly(repair);
        assertThat(parsed.repairs()).isEqualTo(1);
    }

    @Test
    void proseAroundAFencedObjectCountsAsProseToo() throws Exception {
        ParsedOutput parsed = JsonRepair.parse("Sure! Here it is:\n```json\n" + TICKET + "\n```\nAnything else?");

        assertThat(parsed.json()).contains(json(TICKET));
        assertThat(parsed.repairsApplied())
                .containsExactly(
                        "stripped markdown code fences",
                        "dropped prose before the JSON object",
                        "dropped prose after the JSON object");
        assertThat(parsed.repairs()).isEqualTo(3);
    }

    @Test
    void trailingCommasAreRemovedAndCountedOnce() throws Exception {
        ParsedOutput parsed = JsonRepair.parse("{\"tags\": [\"a\", \"b\",], \"n\": 1, }");

        assertThat(parsed.json()).contains(json("{\"tags\": [\"a\", \"b\"], \"n\": 1}"));
        assertThat(parsed.repairsApplied()).containsExactly("removed trailing commas");
    }

    @Test
    void singleQuotesBecomeDoubleQuotesKeepingApostrophesAndEscapingInnerQuotes() throws Exception {
        ParsedOutput parsed = JsonRepair.parse("{'summary': 'it's late', 'quote': 'she said \"now\"',"
                + " 'escaped': 'don\\'t', \"mixed\": \"it's fine\"}");

        assertThat(parsed.json())
                .contains(json("{\"summary\": \"it's late\", \"quote\": \"she said \\\"now\\\"\","
                        + " \"escaped\": \"don't\", \"mixed\": \"it's fine\"}"));
        assertThat(parsed.repairsApplied()).containsExactly("converted single quotes to double quotes");
    }

    @Test
    void rawControlCharactersInStringsAreEscaped() throws Exception {
        ParsedOutput parsed = JsonRepair.parse("{\"summary\": \"line one\nline\ttwo\"}");

        assertThat(parsed.json()).contains(json("{\"summary\": \"line one\\nline\\ttwo\"}"));
        assertThat(parsed.repairsApplied()).containsExactly("escaped control characters inside strings");
    }

    @ParameterizedTest(name = "cut: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"category": "billing", "priority": "hi                 | {"category": "billing", "priority": "hi"}
            {"category": "billing", "priority": "high"              | {"category": "billing", "priority": "high"}
            {"category": "billing", "priority": "high",             | {"category": "billing", "priority": "high"}
            {"category": "billing", "priority":                     | {"category": "billing"}
            {"category": "billing", "priority"                      | {"category": "billing"}
            {"category": "billing", "prio                           | {"category": "billing"}
            {"category": "billing", "count": 12                     | {"category": "billing", "count": 12}
            {"category": "billing", "count": 12.                    | {"category": "billing"}
            {"category": "billing", "urgent": tr                    | {"category": "billing"}
            {"category": "billing", "tags": ["refund", "late        | {"category": "billing", "tags": ["refund", "late"]}
            {"category": "billing", "tags": ["refund",              | {"category": "billing", "tags": ["refund"]}
            {"customer": {"name": "Ada", "address": {"city": "Par   | {"customer": {"name": "Ada", "address": {"city": "Par"}}}
            {"customer": {"name": "Ada", "tags": [[1, 2], [3        | {"customer": {"name": "Ada", "tags": [[1, 2], [3]]}}
            {"note": "a backslash at the cut \\                     | {"note": "a backslash at the cut "}
            {"note": "a cut escape \\u00                            | {"note": "a cut escape "}
            {'category': 'billing', 'note': 'it's                   | {"category": "billing", "note": "it's"}
            {                                                       | {}
            """)
    void aTruncatedObjectIsClosed(String cut, String expected) throws Exception {
        ParsedOutput parsed = JsonRepair.parse(cut);

        assertThat(parsed.json()).contains(json(expected));
        assertThat(parsed.repairsApplied()).contains("closed a truncated object");
    }

    @Test
    void aTruncatedFencedAnswerWithTrailingCommaCountsEachRepair() throws Exception {
        ParsedOutput parsed = JsonRepair.parse("```json\n{'category': 'billing', 'tags': ['a',],\n");

        assertThat(parsed.json()).contains(json("{\"category\": \"billing\", \"tags\": [\"a\"]}"));
        assertThat(parsed.repairsApplied())
                .containsExactly(
                        "stripped markdown code fences",
                        "converted single quotes to double quotes",
                        "removed trailing commas",
                        "closed a truncated object");
        assertThat(parsed.repairs()).isEqualTo(4);
    }

    @Test
    void bracesInProseBeforeTheObjectAreSkipped() throws Exception {
        ParsedOutput parsed = JsonRepair.parse("I filled {{input}} and {the template}: " + TICKET);

        assertThat(parsed.json()).contains(json(TICKET));
        assertThat(parsed.repairsApplied()).containsExactly("dropped prose before the JSON object");
    }

    @Test
    void onlyAnObjectCountsAsParsed() {
        assertThat(JsonRepair.parse("[1, 2]").parseError()).contains("expected a JSON object, got an array");
        assertThat(JsonRepair.parse("\"text\"").parseError()).contains("expected a JSON object, got a string");
        assertThat(JsonRepair.parse("   ").parseError()).contains("the output is empty");
        assertThat(JsonRepair.parse(null).parseError()).contains("the output is empty");
        assertThat(JsonRepair.parse("I cannot help with that.").parseError()).contains("no JSON object in the output");
    }

    @Test
    void whatCannotBeRepairedIsAParseErrorWithTheRepairedText() {
        ParsedOutput parsed = JsonRepair.parse("{\"a\": 1 \"b\": 2}");

        assertThat(parsed.json()).isEmpty();
        assertThat(parsed.parseError())
                .hasValueSatisfying(error -> assertThat(error).contains("line 1"));
        assertThat(parsed.normalizedText()).isEqualTo("{\"a\":1\"b\": 2}");
    }

    @Test
    void unquotedKeysAndPythonLiteralsAreNotGuessed() {
        assertThat(JsonRepair.parse("{category: \"billing\"}").json()).isEmpty();
        assertThat(JsonRepair.parse("{\"urgent\": True}").json()).isEmpty();
    }
}
