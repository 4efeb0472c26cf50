package dev.promptevo.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** How every benchmark writes its JSON: indented, parent folders created, no NaN or infinity. */
public final class BenchJson {
    private BenchJson() {}

    /** Writes the report {@code toJson} builds to {@code file}. */
    public static void write(Path file, Function<ObjectMapper, ObjectNode> toJson) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        mapper.writeValue(file.toFile(), toJson.apply(mapper));
    }

    /** JSON has no NaN or infinity (a ratio of two zeros, a target never reached): those are written as null. */
    public static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }
}
