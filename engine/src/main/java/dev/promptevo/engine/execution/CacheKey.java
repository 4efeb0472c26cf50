package dev.promptevo.engine.execution;

import dev.promptevo.api.model.ChatMessage;
import dev.promptevo.api.model.ModelRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The identity of a deterministic model call: a SHA-256 of the backend's replay scope ({@link
 * dev.promptevo.api.model.ModelBackend#replayScope}) and the whole request (model, messages,
 * temperature, max tokens, seed, JSON mode, metadata).
 *
 * <p>For a task call this is the "genome id x example id x sample index" and more: the
 * metadata names the genome and the example, and the seed is drawn from the evaluation seed, the
 * genome id, the example id, the sample index and the consensus slot ({@link PipelineExecutor}). The
 * rest (prompt text, model settings, the backend's configuration) is what keeps a changed template,
 * example, document or simulator file from ever being answered from a stale entry. The genome and
 * example ids are kept alongside for people and databases browsing a cache; they are not part of the
 * identity.
 *
 * @param digest 64 lowercase hex digits
 * @param genomeId the genome the call evaluated; empty for calls that name none (rubric rewrites)
 * @param exampleId the example the call answered; empty for calls that name none
 */
public record CacheKey(String digest, String genomeId, String exampleId) {

    public CacheKey {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(genomeId, "genomeId");
        Objects.requireNonNull(exampleId, "exampleId");
        if (!digest.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a cache key's digest is 64 lowercase hex digits, got '" + digest + "'");
        }
    }

    public static CacheKey of(String replayScope, ModelRequest request) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        // Every field is length-prefixed, so no two different requests share an encoding.
        text(sha, replayScope);
        text(sha, request.model());
        text(sha, Double.toString(request.temperature()));
        text(sha, Integer.toString(request.maxTokens()));
        text(sha, request.seed().isPresent() ? Long.toString(request.seed().getAsLong()) : "-");
        text(sha, Boolean.toString(request.jsonOutput()));
        text(sha, Integer.toString(request.messages().size()));
        for (ChatMessage message : request.messages()) {
            text(sha, message.role().name());
            text(sha, message.content());
        }
        Map<String, String> metadata = new TreeMap<>(request.metadata());
        text(sha, Integer.toString(metadata.size()));
        metadata.forEach((name, value) -> {
            text(sha, name);
            text(sha, value);
        });
        return new CacheKey(
                HexFormat.of().formatHex(sha.digest()),
                request.metadata().getOrDefault(ModelRequest.GENOME_ID, ""),
                request.metadata().getOrDefault(ModelRequest.EXAMPLE_ID, ""));
    }

    private static void text(MessageDigest sha, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update(new byte[] {
            (byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8), (byte) bytes.length
        });
        sha.update(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CacheKey key && key.digest.equals(digest);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }
}
