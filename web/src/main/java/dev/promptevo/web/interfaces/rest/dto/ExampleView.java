package dev.promptevo.web.interfaces.rest.dto;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptevo.api.task.Example;
import dev.promptevo.web.domain.JsonText;
import java.util.List;

/** One example as it was uploaded (a line of the JSONL file). */
public record ExampleView(
        String id,
        String input,
        JsonNode expected,
        double difficulty,
        List<String> tags,
        List<String> relevantPassages) {
    public static ExampleView of(Example example) {
        return new ExampleView(
                example.id(),
                example.input(),
                JsonText.tree(example.expectedJson()),
                example.difficulty(),
                example.tags(),
                example.relevantPassages());
    }
}
