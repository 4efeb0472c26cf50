package dev.promptevo.engine.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import dev.promptevo.api.eval.Retriever;
import dev.promptevo.api.eval.Retriever.Scored;
import dev.promptevo.api.eval.RetrieverProvider;
import dev.promptevo.api.plugin.Plugins;
import dev.promptevo.api.task.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scores computed by hand for a three-passage corpus (titles left empty so only the text counts).
 *
 * <pre>
 * d1 "refund policy"                    -> [refund, policy]                 dl = 2
 * d2 "Shipping policies, shipping"      -> [shipping, policy, shipping]     dl = 3
 * d3 "Refunds: the refund of a refund delay" -> [refund, refund, refund, delay]  dl = 4
 * N = 3, avgdl = 9 / 3 = 3
 * idf(refund) = idf(policy) = ln(1 + (3 - 2 + 0.5) / (2 + 0.5)) = ln 1.6       = 0.470004
 * idf(shipping) = idf(delay) = ln(1 + (3 - 1 + 0.5) / (1 + 0.5)) = ln(8 / 3)  = 0.980829
 * K(dl) = 1.2 * (0.25 + 0.75 * dl / 3): K(2) = 0.9, K(3) = 1.2, K(4) = 1.5
 * w(tf, dl) = tf * 2.2 / (tf + K(dl))
 * </pre>
 */
class Bm25RetrieverTest {
    private static final double IDF_COMMON = 0.4700036292457356; // ln 1.6
    private static final double IDF_RARE = 0.9808292530117262; // ln (8/3)

    private final Document d1 = new Document("faq#1", "", "refund policy");
    private final Document d2 = new Document("faq#2", "", "Shipping policies, shipping");
    private final Document d3 = new Document("faq#3", "", "Refunds: the refund of a refund delay");
    private final Bm25Retriever retriever = Bm25Retriever.of(List.of(d1, d2, d3));

    @Test
    void theHandComputedConstantsAreRight() {
        assertThat(IDF_COMMON).isCloseTo(Math.log(1.6), within(1e-15));
        assertThat(IDF_RARE).isCloseTo(Math.log(8.0 / 3), within(1e-15));
    }

    @Test
    void termFrequencySaturatesAndLongDocumentsArePenalised() {
        List<Scored> hits = retriever.retrieve("refund", 10);

        // d3: 0.470004 * 3 * 2.2 / (3 + 1.5) = 0.689339; d1: 0.470004 * 2.2 / (1 + 0.9) = 0.544215
        assertThat(hits).extracting(s -> s.document().id()).containsExactly("faq#3", "faq#1");
        assertThat(hits.get(0).score()).isCloseTo(0.689339, within(1e-6));
        assertThat(hits.get(1).score()).isCloseTo(0.544215, within(1e-6));
    }

    @Test
    void scoresAddUpOverDistinctQueryTerms() {
        List<Scored> hits = retriever.retrieve("What is the refund policy? Refund!", 3);

        // d1: 2 * 0.544215 = 1.088430; d3: 0.689339; d2: policy tf 1, dl 3: 0.470004 * 2.2 / 2.2 = 0.470004
        assertThat(hits).extracting(s -> s.document().id()).containsExactly("faq#1", "faq#3", "faq#2");
        assertThat(hits.stream().mapToDouble(Scored::score).toArray())
                .containsExactly(new double[] {1.088430, 0.689339, 0.470004}, within(1e-6));
    }

    @Test
    void rareTermsWeighMore() {
        List<Scored> hits = retriever.retrieve("shipping delay", 3);

        // d2: shipping tf 2, dl 3: 0.980829 * 4.4 / 3.2 = 1.348640; d3: delay tf 1, dl 4: 0.980829 * 2.2 / 2.5 =
        // 0.863130
        assertThat(hits).extracting(s -> s.document().id()).containsExactly("faq#2", "faq#3");
        assertThat(hits.get(0).score()).isCloseTo(1.348640, within(1e-6));
        assertThat(hits.get(1).score()).isCloseTo(0.863130, within(1e-6));
    }

    @Test
    void kLimitsTheHitsAndOnlyMatchingDocumentsAreReturned() {
        assertThat(retriever.retrieve("refund", 1))
                .extracting(s -> s.document().id())
                .containsExactly("faq#3");
        assertThat(retriever.retrieve("refund", 100)).hasSize(2);
        assertThat(retriever.retrieve("refund", 0)).isEmpty();
        assertThat(retriever.retrieve("the and of", 5)).isEmpty();
        assertThat(retriever.retrieve("", 5)).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> retriever.retrieve("refund", -1));
    }

    @Test
    void equalScoresKeepTheDocumentOrder() {
        Bm25Retriever twins = Bm25Retriever.of(List.of(
                new Document("b#1", "", "late parcel"),
                new Document("a#1", "", "late parcel"),
                new Document("c#1", "", "unrelated words here")));

        assertThat(twins.retrieve("parcel", 5))
                .extracting(s -> s.document().id())
                .containsExactly("b#1", "a#1");
    }

    @Test
    void titlesAreIndexed() {
        Bm25Retriever titled = Bm25Retriever.of(List.of(
                new Document("a#1", "Warranty", "Two years on parts."),
                new Document("a#2", "Returns", "Thirty days.")));

        assertThat(titled.retrieve("warranty", 5))
                .extracting(s -> s.document().id())
                .containsExactly("a#1");
    }

    @Test
    void tokenizingLowercasesDropsStopWordsAndPlurals() {
        assertThat(Bm25Retriever.tokenize("The POLICIES for refunds, and the address of Bus-42 is ok"))
                .containsExactly("policy", "refund", "address", "bus", "42", "ok");
    }

    @Test
    void anEmptyCorpusFindsNothing() {
        assertThat(Bm25Retriever.of(List.of()).retrieve("refund", 3)).isEmpty();
    }

    @Test
    void theProviderIsDiscoveredAsAPlugin() {
        RetrieverProvider provider = Plugins.load(RetrieverProvider.class).get("retriever.bm25");

        Retriever indexed = provider.index(List.of(d1, d2, d3));

        assertThat(provider).isInstanceOf(Bm25RetrieverProvider.class);
        assertThat(indexed.retrieve("refund", 5)).isEqualTo(retriever.retrieve("refund", 5));
    }
}
