package dev.promptevo.executors.minilm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.promptevo.api.eval.Retriever;
import dev.promptevo.api.task.Document;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MiniLmEmbeddingsTest {
    private static MiniLmEmbeddings model;

    @BeforeAll
    static void loadOnce() {
        model = MiniLmEmbeddings.shared();
    }

    @Test
    void givesUnitLengthVectorsOfTheModelsDimension() {
        float[] vector = model.embed("my parcel never arrived");

        assertThat(vector).hasSize(MiniLmEmbeddings.DIMENSION);
        assertThat(Vectors.cosine(vector, vector)).isCloseTo(1.0, offset(1e-6));
        double norm = 0;
        for (float x : vector) {
            norm += x * x;
        }
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, offset(1e-4));
    }

    @Test
    void isTheSameInstanceAndDeterministic() {
        assertThat(MiniLmEmbeddings.shared()).isSameAs(model);
        assertThat(model.embed("refund policy")).containsExactly(model.embed("refund policy"));
    }

    @Test
    void aBlankTextIsTheZeroVector() {
        assertThat(model.embed(" \n")).containsOnly(0f).hasSize(MiniLmEmbeddings.DIMENSION);
    }

    @Test
    void concurrentCallsGiveTheSerialResults() {
        List<String> texts = IntStream.range(0, 16)
                .mapToObj(i -> "customer message number " + i + " about a late delivery")
                .toList();
        List<float[]> serial = texts.stream().map(model::embed).toList();

        List<float[]> parallel = texts.parallelStream().map(model::embed).toList();

        for (int i = 0; i < texts.size(); i++) {
            assertThat(parallel.get(i)).containsExactly(serial.get(i));
        }
    }

    /** Prints indexing and query latency; asserts only that retrieval answered. */
    @Test
    void reportsLatency() {
        List<Document> documents = IntStream.range(0, 20)
                .mapToObj(i -> new Document(
                        "doc#" + i,
                        "Policy section " + i,
                        "Section " + i + " explains how orders, deliveries, refunds and accounts are handled in case "
                                + i + ", with the steps a support agent follows and the exceptions that apply."))
                .toList();
        EmbeddingCache cache = new EmbeddingCache(() -> model);
        long start = System.nanoTime();
        Retriever retriever = new EmbeddingRetrieverProvider(cache).index(documents);
        double indexMillis = (System.nanoTime() - start) / 1e6;

        List<Double> uncached = new ArrayList<>();
        List<Double> cached = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String query = "question " + i + ": where is my order and when will it arrive?";
            uncached.add(millis(() -> retriever.retrieve(query, 3)));
            cached.add(millis(() -> retriever.retrieve(query, 3)));
        }

        System.out.printf(
                Locale.ROOT,
                "MiniLM: index %d documents %.0f ms (%.1f ms each);"
                        + " retrieve top-3, median of 100: %.2f ms new query, %.3f ms cached query%n",
                documents.size(),
                indexMillis,
                indexMillis / documents.size(),
                median(uncached),
                median(cached));
        assertThat(retriever.retrieve("where is my order", 3)).hasSize(3);
    }

    private static double millis(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
    }
}
