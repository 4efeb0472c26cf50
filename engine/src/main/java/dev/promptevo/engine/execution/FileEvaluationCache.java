package dev.promptevo.engine.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptevo.api.model.ModelResponse;
import dev.promptevo.api.model.TokenUsage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link EvaluationCache} kept in a JSON Lines file, so that answers outlive the run: a header
 * line, then one line per stored answer (its key, the genome and example it answered, the text,
 * token counts, latency, finish reason and cost). Opening reads the whole file into memory; every
 * new answer is appended and flushed at once, so a run that is killed keeps what it paid for.
 *
 * <p>A run killed mid-line leaves a last line without its newline: it is dropped (cut from the file)
 * on the next opening. Any other line that is not an entry is an error naming the line, since the
 * file was then changed by something else.
 *
 * <p>Thread-safe. Close it to release the file.
 */
public final class FileEvaluationCache implements EvaluationCache, AutoCloseable {
    static final String FORMAT = "promptevo-evaluation-cache";
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<CacheKey, ModelResponse> answers = new ConcurrentHashMap<>();
    private final BufferedWriter out;

    private FileEvaluationCache(Path file) throws IOException {
        this.file = file;
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        if (!fresh) {
            load();
        } else if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        this.out = Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (fresh) {
            ObjectNode header = JSON.createObjectNode().put("format", FORMAT).put("version", VERSION);
            append(JSON.writeValueAsString(header));
        }
    }

    /** Opens {@code file}, creating it (and its folder) when absent. */
    public static FileEvaluationCache open(Path file) {
        try {
            return new FileEvaluationCache(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the evaluation cache " + file + ": " + e.getMessage(), e);
        }
    }

    private void load() throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        int complete = content.lastIndexOf('\n') + 1;
        if (complete < content.length()) {
            // the tail of a line whose writer was killed: never an answer anyone relied on
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(content.substring(0, complete).getBytes(StandardCharsets.UTF_8).length);
            }
        }
        List<String> lines = content.substring(0, complete).lines().toList();
        if (lines.isEmpty() || !isHeader(lines.get(0))) {
            throw new IllegalArgumentException(
                    file + " is not an evaluation cache (its first line is not {\"format\": \"" + FORMAT
                            + "\", \"version\": " + VERSION + "})");
        }
        for (int i = 1; i < lines.size(); i++) {
            try {
                JsonNode entry = JSON.readTree(lines.get(i));
                answers.put(key(entry), response(entry));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(
                        file + " line " + (i + 1) + " is not an evaluation cache entry: " + e.getMessage(), e);
            }
        }
    }

    private static boolean isHeader(String line) {
        try {
            JsonNode header = JSON.readTree(line);
            return FORMAT.equals(header.path("format").asText())
                    && header.path("version").asInt() == VERSION;
        } catch (IOException e) {
            return false;
        }
    }

    private static CacheKey key(JsonNode entry) {
        return new CacheKey(
                required(entry, "key").asText(),
                entry.path("genome").asText(""),
                entry.path("example").asText(""));
    }

    private static ModelResponse response(JsonNode entry) {
        return new ModelResponse(
                required(entry, "text").asText(),
                new TokenUsage(
                        required(entry, "promptTokens").asLong(),
                        required(entry, "completionTokens").asLong()),
                required(entry, "latencyMs").asDouble(),
                ModelResponse.FinishReason.valueOf(
                        required(entry, "finishReason").asText()),
                required(entry, "costUsd").asDouble());
    }

    private static JsonNode required(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("no '" + field + "'");
        }
        return value;
    }

    @Override
    public Optional<ModelResponse> get(CacheKey key) {
        return Optional.ofNullable(answers.get(key));
    }

    @Override
    public void put(CacheKey key, ModelResponse response) {
        if (answers.putIfAbsent(key, response) != null) {
            return;
        }
        ObjectNode entry = JSON.createObjectNode()
                .put("key", key.digest())
                .put("genome", key.genomeId())
                .put("example", key.exampleId())
                .put("text", response.text())
                .put("promptTokens", response.usage().promptTokens())
                .put("completionTokens", response.usage().completionTokens())
                .put("latencyMs", response.latencyMs())
                .put("finishReason", response.finishReason().name())
                .put("costUsd", response.costUsd());
        try {
            append(JSON.writeValueAsString(entry));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the evaluation cache " + file + ": " + e.getMessage(), e);
        }
    }

    private synchronized void append(String line) throws IOException {
        out.write(line);
        out.write('\n');
        out.flush();
    }

    @Override
    public int size() {
        return answers.size();
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the evaluation cache " + file + ": " + e.getMessage(), e);
        }
    }
}
