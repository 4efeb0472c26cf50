package dev.promptevo.executors.minilm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.api.task.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingCacheTest {

    @Test
    void aDocumentSetsKeyDependsOnItsContentOnly() {
        List<Document> documents = List.of(new Document("a#1", "A", "alpha"), new Document("b#1", "B", "beta"));

        assertThat(EmbeddingCache.key(List.copyOf(documents))).isEqualTo(EmbeddingCache.key(documents));
        assertThat(EmbeddingCache.key(documents.reversed())).isNotEqualTo(EmbeddingCache.key(documents));
        assertThat(EmbeddingCache.key(List.of(documents.get(0), new Document("b#1", "B", "beta!"))))
                .isNotEqualTo(EmbeddingCache.key(documents));
        assertThat(EmbeddingCache.key(List.of(new Document("b#2", "B", "beta"), documents.get(0))))
                .isNotEqualTo(EmbeddingCache.key(List.of(documents.get(1), documents.get(0))));
    }

    @Test
    void fieldBoundariesCount() {
        assertThat(EmbeddingCache.key(List.of(new Document("ab", "c", ""))))
                .isNotEqualTo(EmbeddingCache.key(List.of(new Document("a", "bc", ""))));
    }
}
