package dev.promptevo.executors.minilm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.api.eval.Retriever;
import dev.promptevo.api.eval.Retriever.Scored;
import dev.promptevo.api.task.Document;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** On the real model, loaded once per JVM; each test counts its own embeddings in a fresh cache. */
class EmbeddingRetrieverProviderTest {
    private CountingEmbedder model;
    private EmbeddingCache cache;
    private EmbeddingRetrieverProvider provider;

    @BeforeEach
    void freshCache() {
        model = CountingEmbedder.overMiniLm();
        cache = new EmbeddingCache(() -> model);
        provider = new EmbeddingRetrieverProvider(cache);
    }

    @Test
    void ranksAParaphraseFirstThoughItSharesNoWordWithTheQuery() {
        Set<String> query = Corpus.words(Corpus.PARCEL_QUERY);
        Set<String> sharedWithTarget = new HashSet<>(Corpus.words(Corpus.LOST_SHIPMENTS));
        sharedWithTarget.retainAll(query);
        assertThat(sharedWithTarget)
                .as("a lexical retriever finds nothing to match")
                .isEmpty();
        assertThat(Corpus.SUPPORT)
                .as("while other passages share 'never' with the query")
                .anySatisfy(d -> assertThat(Corpus.words(d)).containsAnyElementsOf(query));

        List<Scored> top = provider.index(Corpus.SUPPORT).retrieve(Corpus.PARCEL_QUERY, 2);

        assertThat(top).first().extracting(Scored::document).isEqualTo(Corpus.LOST_SHIPMENTS);
        assertThat(top.get(0).score()).isGreaterThan(top.get(1).score() + 0.1);
    }

    @Test
    void embedsEachDocumentOnceAndEachQueryOnce() {
        Retriever retriever = provider.index(Corpus.SUPPORT);
        assertThat(model.calls()).isEqualTo(Corpus.SUPPORT.size());
        assertThat(model.texts()).contains("Lost shipments\n" + Corpus.LOST_SHIPMENTS.text());

        for (int candidate = 0; candidate < 5; candidate++) {
            retriever.retrieve(Corpus.PARCEL_QUERY, 3);
            retriever.retrieve("how do I get my money back", 3);
        }

        assertThat(model.calls()).isEqualTo(Corpus.SUPPORT.size() + 2);
    }

    @Test
    void aSecondIndexOfTheSameDocumentsIsACacheHit() {
        List<Scored> first = provider.index(Corpus.SUPPORT).retrieve(Corpus.PARCEL_QUERY, 5);
        int afterFirstRun = model.calls();

        List<Document> sameDocuments = new ArrayList<>(Corpus.SUPPORT);
        List<Scored> second =
                new EmbeddingRetrieverProvider(cache).index(sameDocuments).retrieve(Corpus.PARCEL_QUERY, 5);

        assertThat(model.calls()).isEqualTo(afterFirstRun);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void anEditedDocumentMakesANewIndex() {
        provider.index(Corpus.SUPPORT);
        List<Document> edited = new ArrayList<>(Corpus.SUPPORT);
        edited.set(1, new Document("billing#1", "Refunds", "Refunds take up to ten business days."));

        provider.index(edited);

        assertThat(model.calls()).isEqualTo(2 * Corpus.SUPPORT.size());
    }

    @Test
    void concurrentCandidatesAskingTheSameQueryEmbedItOnce() throws Exception {
        Retriever retriever = provider.index(Corpus.SUPPORT);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Scored>>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                answers.add(pool.submit(() -> retriever.retrieve(Corpus.PARCEL_QUERY, 1)));
            }
            for (Future<List<Scored>> answer : answers) {
                assertThat(answer.get()).extracting(Scored::document).containsExactly(Corpus.LOST_SHIPMENTS);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(model.calls()).isEqualTo(Corpus.SUPPORT.size() + 1);
    }

    @Test
    void kZeroReturnsNothingWithoutEmbeddingTheQuery() {
        Retriever retriever = provider.index(Corpus.SUPPORT);

        assertThat(retriever.retrieve(Corpus.PARCEL_QUERY, 0)).isEmpty();
        assertThat(model.calls()).isEqualTo(Corpus.SUPPORT.size());
    }

    @Test
    void kLargerThanTheCorpusReturnsEveryDocumentBestFirst() {
        List<Scored> all = provider.index(Corpus.SUPPORT).retrieve(Corpus.PARCEL_QUERY, 50);

        assertThat(all).extracting(Scored::document).containsExactlyInAnyOrderElementsOf(Corpus.SUPPORT);
        assertThat(all)
                .extracting(Scored::score)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a))
                .allSatisfy(score -> assertThat(score).isBetween(-1.0, 1.0));
    }

    @Test
    void equalScoresKeepTheDocumentsOrder() {
        Document first = new Document("faq#1", "Lost shipments", Corpus.LOST_SHIPMENTS.text());
        Document twin = new Document("faq#2", "Lost shipments", Corpus.LOST_SHIPMENTS.text());
        List<Document> documents = List.of(Corpus.SUPPORT.get(0), twin, first);

        List<Scored> top = provider.index(documents).retrieve(Corpus.PARCEL_QUERY, 2);

        assertThat(top).extracting(Scored::document).containsExactly(twin, first);
        assertThat(top.get(0).score()).isEqualTo(top.get(1).score());
    }

    @Test
    void noDocumentsNeedNoModel() {
        Retriever retriever = new EmbeddingRetrieverProvider(new EmbeddingCache(() -> {
                    throw new AssertionError("the model must not be loaded");
                }))
                .index(List.of());

        assertThat(retriever.retrieve(Corpus.PARCEL_QUERY, 3)).isEmpty();
    }

    @Test
    void rejectsANegativeK() {
        Retriever retriever = provider.index(Corpus.SUPPORT);

        assertThatThrownBy(() -> retriever.retrieve(Corpus.PARCEL_QUERY, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void hasTheDocumentedId() {
        assertThat(new EmbeddingRetrieverProvider().id()).isEqualTo("retriever.minilm");
    }
}
