package dev.promptevo.executors.minilm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.api.eval.Validator.Verdict;
import dev.promptevo.api.task.Example;
import dev.promptevo.api.task.Gates;
import dev.promptevo.api.task.ScoringWeights;
import dev.promptevo.api.task.Task;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddingSimilarityScorerTest {
    private static final String EXPECTED = """
            {"category": "shipping", "summary": "The customer's parcel was lost in transit and never delivered."}""";

    private CountingEmbedder model;
    private EmbeddingSimilarityScorer scorer;

    @BeforeEach
    void freshCache() {
        model = CountingEmbedder.overMiniLm();
        scorer = new EmbeddingSimilarityScorer(new EmbeddingCache(() -> model));
    }

    @Test
    void identicalJsonScoresExactlyOneWithoutTheModel() {
        String reordered = """
                {
                  "summary": "The customer's parcel was lost in transit and never delivered.",
                  "category": "shipping"
                }
                """;

        Verdict verdict = scorer.validate(task(), example(), reordered);

        assertThat(verdict).isEqualTo(Verdict.pass());
        assertThat(model.calls()).isZero();
    }

    @Test
    void aNearMatchScoresHigherThanADifferentAnswer() {
        Verdict near = scorer.validate(task(), example(), """
                {"category": "shipping", "summary": "The package the customer ordered got lost and did not arrive."}""");
        Verdict different = scorer.validate(task(), example(), """
                {"category": "billing", "summary": "The customer wants to change the card used for payments."}""");

        assertThat(near.score()).isGreaterThan(different.score() + 0.05);
        assertThat(near.score()).isLessThan(1.0);
        assertThat(near.reasons()).singleElement().asString().contains("embedding similarity");
        assertThat(different.score()).isBetween(0.0, 1.0);
    }

    @Test
    void embedsTheExpectedAnswerOncePerJvm() {
        for (int candidate = 0; candidate < 4; candidate++) {
            scorer.validate(
                    task(), example(), "{\"category\": \"billing\", \"summary\": \"candidate " + candidate + "\"}");
        }

        assertThat(model.texts()).containsOnlyOnce(EmbeddingSimilarityScorer.canonical(EXPECTED));
        assertThat(model.calls()).isEqualTo(5);
    }

    @Test
    void canonicalTextSortsKeysAndDropsWhitespace() {
        assertThat(EmbeddingSimilarityScorer.canonical("{ \"b\": [1, {\"d\": 2, \"c\": 3}], \"a\": null }"))
                .isEqualTo("{\"a\":null,\"b\":[1,{\"c\":3,\"d\":2}]}");
        assertThat(EmbeddingSimilarityScorer.canonical("  not json  ")).isEqualTo("not json");
        assertThat(EmbeddingSimilarityScorer.canonical("{\"a\":1} trailing")).isEqualTo("{\"a\":1} trailing");
    }

    @Test
    void hasTheDocumentedId() {
        assertThat(new EmbeddingSimilarityScorer().id()).isEqualTo("validator.embedding-similarity");
    }

    private static Example example() {
        return new Example("lost-parcel", "my parcel never arrived", EXPECTED, 0.5, List.of(), List.of());
    }

    private static Task task() {
        return new Task(
                "support",
                "Support triage",
                "Classify: {{input}}",
                "{\"type\": \"object\"}",
                Gates.SEED,
                ScoringWeights.SEED,
                List.of(),
                List.of());
    }
}
