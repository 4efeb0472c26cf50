package dev.promptevo.engine.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.api.task.Dataset;
import dev.promptevo.api.task.DatasetFormatException;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class DatasetReaderTest {

    private static Dataset read(String text) throws IOException {
        return DatasetReader.read("golden", "golden.jsonl", new StringReader(text));
    }

    @Test
    void readsExamplesSkippingBlankLines() throws IOException {
        Dataset dataset = read("""
                {"id":"a","input":"hello","expected":{"x":1},"difficulty":0.2,"tags":["t"],"relevantPassages":["doc#1"]}

                {"id":"b","input":"world","expected":{"x":2}}
                """);
        assertThat(dataset.examples()).hasSize(2);
        assertThat(dataset.examples().get(0).expectedJson()).isEqualTo("{\"x\":1}");
        assertThat(dataset.examples().get(0).relevantPassages()).containsExactly("doc#1");
        assertThat(dataset.examples().get(1).difficulty()).isEqualTo(0.5);
    }

    @Test
    void reportsTheLineNumberAndReasonOfInvalidJson() {
        assertThatThrownBy(() -> read("{\"id\":\"a\",\"input\":\"x\",\"expected\":{}}\n{\"id\": oops}\n"))
                .isInstanceOfSatisfying(DatasetFormatException.class, e -> {
                    assertThat(e.source()).isEqualTo("golden.jsonl");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.reason()).startsWith("not valid JSON");
                })
                .hasMessageStartingWith("golden.jsonl:2: ");
    }

    @Test
    void reportsMissingAndMistypedFields() {
        assertThatThrownBy(() -> read("{\"id\":\"a\",\"expected\":{}}"))
                .hasMessage("golden.jsonl:1: field 'input' must be a non-empty string");
        assertThatThrownBy(() -> read("{\"id\":\"a\",\"input\":\"x\"}"))
                .hasMessageContaining("missing field 'expected'");
        assertThatThrownBy(() -> read("{\"id\":\"a\",\"input\":\"x\",\"expected\":{},\"difficulty\":3}"))
                .hasMessageContaining("'difficulty' must be a number in [0, 1]");
        assertThatThrownBy(() -> read("{\"id\":\"a\",\"input\":\"x\",\"expected\":{},\"tags\":\"t\"}"))
                .hasMessageContaining("'tags' must be an array of strings");
        assertThatThrownBy(() -> read("[1,2]")).hasMessage("golden.jsonl:1: expected a JSON object");
    }

    @Test
    void rejectsUnknownFieldsAndDuplicateIds() {
        assertThatThrownBy(() -> read("{\"id\":\"a\",\"input\":\"x\",\"expected\":{},\"answer\":1}"))
                .hasMessageContaining("unknown field 'answer'");
        assertThatThrownBy(() -> read("""
                {"id":"a","input":"x","expected":{}}
                {"id":"b","input":"x","expected":{}}
                {"id":"a","input":"y","expected":{}}
                """)).hasMessage("golden.jsonl:3: duplicate id 'a' (first on line 1)");
    }

    @Test
    void rejectsAnEmptyDataset() {
        assertThatThrownBy(() -> read("\n\n")).hasMessageContaining("the dataset has no examples");
    }
}
