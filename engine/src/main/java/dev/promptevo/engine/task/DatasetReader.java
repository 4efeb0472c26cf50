package dev.promptevo.engine.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptevo.api.task.Dataset;
import dev.promptevo.api.task.DatasetFormatException;
import dev.promptevo.api.task.Example;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a dataset in JSON Lines: one example object a line, blank lines ignored.
 *
 * <pre>{"id":"t-1","input":"...","expected":{...},"difficulty":0.4,"tags":[...],"relevantPassages":[...]}</pre>
 *
 * The first bad line stops the read with a {@link DatasetFormatException} naming the source, the
 * 1-based line number and the reason, since a half-read golden set would silently skew fitness.
 */
public final class DatasetReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS =
            Set.of("id", "input", "expected", "difficulty", "tags", "relevantPassages");

    private DatasetReader() {}

    public static Dataset read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.getFileName().toString(), file.toString(), reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dataset " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads from {@code reader}; {@code source} names it in error messages. */
    public static Dataset read(String name, String source, Reader reader) throws IOException {
        List<Example> examples = new ArrayList<>();
        Map<String, Long> firstLineOfId = new HashMap<>();
        BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        long number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            Example example = parse(source, number, line);
            Long previous = firstLineOfId.putIfAbsent(example.id(), number);
            if (previous != null) {
                throw new DatasetFormatException(
                        source, number, "duplicate id '" + example.id() + "' (first on line " + previous + ")");
            }
            examples.add(example);
        }
        if (examples.isEmpty()) {
            throw new DatasetFormatException(source, Math.max(1, number), "the dataset has no examples");
        }
        return new Dataset(name, examples);
    }

    private static Example parse(String source, long number, String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new DatasetFormatException(source, number, "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new DatasetFormatException(source, number, "expected a JSON object");
        }
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw new DatasetFormatException(
                        source,
                        number,
                        "unknown field '" + field + "' (known: "
                                + FIELDS.stream().sorted().toList() + ")");
            }
        }
        String id = requiredText(source, number, node, "id");
        String input = requiredText(source, number, node, "input");
        JsonNode expected = node.get("expected");
        if (expected == null || expected.isNull() || expected.isMissingNode()) {
            throw new DatasetFormatException(source, number, "missing field 'expected' (the expected output as JSON)");
        }
        double difficulty = 0.5;
        JsonNode d = node.get("difficulty");
        if (d != null) {
            if (!d.isNumber() || d.asDouble() < 0 || d.asDouble() > 1) {
                throw new DatasetFormatException(source, number, "'difficulty' must be a number in [0, 1], got " + d);
            }
            difficulty = d.asDouble();
        }
        return new Example(
                id,
                input,
                expected.toString(),
                difficulty,
                strings(source, number, node, "tags"),
                strings(source, number, node, "relevantPassages"));
    }

    private static String requiredText(String source, long number, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new DatasetFormatException(source, number, "field '" + field + "' must be a non-empty string");
        }
        return value.asText();
    }

    private static List<String> strings(String source, long number, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new DatasetFormatException(source, number, "'" + field + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new DatasetFormatException(source, number, "'" + field + "' must be an array of strings");
            }
            out.add(item.asText());
        }
        return out;
    }
}
