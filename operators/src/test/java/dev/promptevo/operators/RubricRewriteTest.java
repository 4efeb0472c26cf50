package dev.promptevo.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.genome.SearchSpace;
import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ChatMessage;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.search.Feedback;
import dev.promptevo.api.search.MutationOperator;
import dev.promptevo.api.search.VariationContext;
import dev.promptevo.api.testing.Genomes;
import dev.promptevo.api.testing.MutationOperatorContract;
import dev.promptevo.api.testing.Spaces;
import dev.promptevo.api.testing.StubModelBackend;
import dev.promptevo.api.testing.VariationContexts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RubricRewriteTest extends MutationOperatorContract {
    private static final Pattern EXAMPLE = Pattern.compile("(?m)^<example id=\"([^\"]+)\">\n((?:.*\n)*?)</example>$");

    @Override
    protected MutationOperator operator() {
        return new RubricRewrite();
    }

    @Override
    protected VariationContext context(SearchSpace space, RandomGenerator random) {
        return VariationContexts.withRewriter(
                space, random, StubModelBackend.rubricReviser(), VariationContexts::failures);
    }

    private static VariationContext context(StubModelBackend backend, long seed) {
        return VariationContexts.withRewriter(
                Spaces.seedDefault(), new SplittableRandom(seed), backend, VariationContexts::failures);
    }

    @Test
    void theRequestFollowsTheContract() throws InterruptedException {
        StubModelBackend backend = StubModelBackend.rubricReviser();
        Genome parent = Genomes.seedBase();

        new RubricRewrite().mutate(parent, context(backend, 1));

        ModelRequest request = backend.lastRequest();
        assertThat(request.model()).isEqualTo(VariationContexts.REWRITER_MODEL);
        assertThat(request.metadata())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        ModelRequest.PURPOSE,
                        ModelRequest.PURPOSE_RUBRIC_REWRITE,
                        ModelRequest.GENOME_ID,
                        parent.id()));
        assertThat(request.temperature()).isEqualTo(0.7);
        assertThat(request.maxTokens()).isEqualTo(800);
        assertThat(request.seed()).isPresent();
        assertThat(request.jsonOutput()).isFalse();
        assertThat(request.messages())
                .extracting(ChatMessage::role)
                .containsExactly(ChatMessage.Role.SYSTEM, ChatMessage.Role.USER);
        assertThat(request.messages().getFirst().content())
                .contains("failed", "keep every instruction that already works", "full new rubric only", "4000");

        String user = request.messages().get(1).content();
        assertThat(user)
                .startsWith("<rubric>\n" + Spaces.EXAMPLE_RUBRICS.get(1) + "\n</rubric>\nTask: Support ticket triage\n"
                        + "Output JSON Schema: {\"type\":\"object\"");
        assertThat(examples(user)).hasSize(5);
    }

    @Test
    void eachExampleShowsInputExpectedOutputAndReasonsLineByLine() throws InterruptedException {
        StubModelBackend backend = StubModelBackend.rubricReviser();
        Genome parent = Genomes.seedBase();
        Map<String, Feedback.Failure> failures = new java.util.HashMap<>();
        VariationContexts.failures(parent.id()).failures().forEach(f -> failures.put(f.exampleId(), f));

        for (long seed = 0; seed < 20; seed++) {
            new RubricRewrite().mutate(parent, context(backend, seed));
            for (Map.Entry<String, List<String>> example :
                    examples(backend.lastRequest().messages().get(1).content())) {
                Feedback.Failure failure = failures.get(example.getKey());
                List<String> expected = new ArrayList<>(List.of(
                        "input: " + failure.input().replace('\n', ' '),
                        "expected: " + failure.expectedJson(),
                        "output: " + failure.output()));
                expected.addAll(failure.reasons());
                assertThat(example.getValue())
                        .as("example %s", example.getKey())
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void examplesCoverEveryKindOfReasonBeforeRepeatingOne() throws InterruptedException {
        List<Feedback.Failure> failures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            failures.add(
                    new Feedback.Failure("json-" + i, "in", "{}", "oops", List.of("schema: output is not valid JSON")));
        }
        failures.add(new Feedback.Failure("flag", "in", "{}", "{}", List.of("safety: card-number")));
        failures.add(new Feedback.Failure("wrong", "in", "{}", "{}", List.of("accuracy 0.50 < 0.85")));
        for (long seed = 0; seed < 50; seed++) {
            StubModelBackend backend = StubModelBackend.rubricReviser();
            VariationContext context = VariationContexts.withRewriter(
                    Spaces.seedDefault(), new SplittableRandom(seed), backend, id -> new Feedback(id, 0.1, failures));

            new RubricRewrite().mutate(Genomes.seedBase(), context);

            assertThat(examples(backend.lastRequest().messages().get(1).content()))
                    .extracting(Map.Entry::getKey)
                    .hasSize(5)
                    .contains("flag", "wrong");
        }
    }

    @Test
    void theChoiceOfExamplesVariesWithTheSeed() throws InterruptedException {
        List<List<String>> choices = new ArrayList<>();
        for (long seed = 0; seed < 10; seed++) {
            StubModelBackend backend = StubModelBackend.rubricReviser();
            new RubricRewrite().mutate(Genomes.seedBase(), context(backend, seed));
            choices.add(examples(backend.lastRequest().messages().get(1).content()).stream()
                    .map(Map.Entry::getKey)
                    .sorted()
                    .toList());
        }
        assertThat(choices.stream().distinct().count()).isGreaterThan(1);
    }

    @Test
    void fewerFailuresThanFiveAreAllShownAndNoneStillAsks() throws InterruptedException {
        StubModelBackend backend = StubModelBackend.rubricReviser();
        List<Feedback.Failure> two = VariationContexts.failures("x").failures().subList(0, 2);
        VariationContext someFailures = VariationContexts.withRewriter(
                Spaces.seedDefault(), new SplittableRandom(1), backend, id -> new Feedback(id, 0.5, two));
        VariationContext noFailures =
                VariationContexts.withRewriter(Spaces.seedDefault(), new SplittableRandom(1), backend, Feedback::none);

        new RubricRewrite().mutate(Genomes.seedBase(), someFailures);
        assertThat(examples(backend.lastRequest().messages().get(1).content())).hasSize(2);

        Genome child = new RubricRewrite().mutate(Genomes.seedBase(), noFailures);
        assertThat(examples(backend.lastRequest().messages().get(1).content())).isEmpty();
        assertThat(child).isNotEqualTo(Genomes.seedBase());
    }

    @Test
    void theSeedOfTheRequestComesFromTheContext() throws InterruptedException {
        StubModelBackend backend = StubModelBackend.rubricReviser();

        new RubricRewrite().mutate(Genomes.seedBase(), context(backend, 1));
        new RubricRewrite().mutate(Genomes.seedBase(), context(backend, 1));
        new RubricRewrite().mutate(Genomes.seedBase(), context(backend, 2));

        List<ModelRequest> requests = backend.requests();
        assertThat(requests.get(1)).isEqualTo(requests.get(0));
        assertThat(requests.get(2).seed()).isNotEqualTo(requests.get(0).seed());
    }

    @Test
    void theNewRubricIsTheTextBetweenTheRubricLines() throws InterruptedException {
        StubModelBackend backend = StubModelBackend.answering(
                "Sure, here it is:\n<rubric>\n  Answer with JSON only.\nNever repeat card numbers.\n</rubric>\nGood luck!");
        Genome parent = Genomes.seedBase();

        Genome child = new RubricRewrite().mutate(parent, context(backend, 1));

        assertThat(child.text(Spaces.RUBRIC)).isEqualTo("Answer with JSON only.\nNever repeat card numbers.");
        assertThat(Changes.between(parent, child)).containsExactly(Spaces.RUBRIC);
    }

    @Test
    void anUntaggedAnswerIsTakenWholeAndTrimmed() throws InterruptedException {
        Genome child = new RubricRewrite()
                .mutate(Genomes.seedBase(), context(StubModelBackend.answering("\n  Answer with JSON only.  \n"), 1));

        assertThat(child.text(Spaces.RUBRIC)).isEqualTo("Answer with JSON only.");
    }

    @Test
    void anAnswerCutOffBeforeItsClosingLineKeepsWhatFollowsTheOpeningOne() {
        assertThat(RubricRewriteMutation.extract("<rubric>\nAnswer with JSON only.\nNever rep"))
                .isEqualTo("Answer with JSON only.\nNever rep");
    }

    @Test
    void aTooLongRubricIsCutAtASentenceEnd() throws InterruptedException {
        String sentence = "Rule number %04d says to answer with the JSON object only. ";
        StringBuilder answer = new StringBuilder("<rubric>\n");
        for (int i = 0; answer.length() < 6000; i++) {
            answer.append(sentence.formatted(i));
        }
        answer.append("\n</rubric>");

        String rubric = new RubricRewrite()
                .mutate(Genomes.seedBase(), context(StubModelBackend.answering(answer.toString()), 1))
                .text(Spaces.RUBRIC);

        assertThat(rubric.length())
                .isLessThanOrEqualTo(Spaces.RUBRIC_MAX_LENGTH)
                .isGreaterThan(3900);
        assertThat(rubric).endsWith("only.");
    }

    @Test
    void textWithoutSentenceEndsIsCutAtTheLimitWithoutSplittingACharacter() {
        String emoji = "\uD83D\uDE00";

        assertThat(RubricRewriteMutation.fit("abcdefghij", 4)).isEqualTo("abcd");
        assertThat(RubricRewriteMutation.fit("abc" + emoji + "def", 4)).isEqualTo("abc");
        assertThat(RubricRewriteMutation.fit("One. Two three four", 12)).isEqualTo("One. Two thr");
        assertThat(RubricRewriteMutation.fit("One two. Three four", 12)).isEqualTo("One two.");
        assertThat(RubricRewriteMutation.fit("One two three\nfour five", 16)).isEqualTo("One two three");
    }

    @Test
    void aFailedCallReturnsTheParentItself() throws InterruptedException {
        Genome parent = Genomes.seedBase();

        assertThat(new RubricRewrite().mutate(parent, context(StubModelBackend.failing("rate limited"), 1)))
                .isSameAs(parent);
    }

    @Test
    void aBlankAnswerReturnsTheParentItself() throws InterruptedException {
        Genome parent = Genomes.seedBase();

        assertThat(new RubricRewrite().mutate(parent, context(StubModelBackend.answering("<rubric>\n \n</rubric>"), 1)))
                .isSameAs(parent);
        assertThat(new RubricRewrite().mutate(parent, context(StubModelBackend.answering("   "), 1)))
                .isSameAs(parent);
    }

    @Test
    void withoutARewriterTheParentComesBack() throws InterruptedException {
        Genome parent = Genomes.seedBase();

        assertThat(new RubricRewrite().mutate(parent, VariationContexts.of(Spaces.seedDefault(), 1)))
                .isSameAs(parent);
    }

    @Test
    void anInterruptedThreadGetsAnInterruptedException() {
        StubModelBackend backend = StubModelBackend.rubricReviser();
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> new RubricRewrite().mutate(Genomes.seedBase(), context(backend, 1)))
                .isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
        assertThat(backend.requests()).isEmpty();
    }

    @Test
    void aCallInterruptedInsideTheBackendPropagates() {
        StubModelBackend backend = StubModelBackend.of(request -> {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted while waiting for the model", true);
        });

        assertThatThrownBy(() -> new RubricRewrite().mutate(Genomes.seedBase(), context(backend, 1)))
                .isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }

    @Test
    void appliesOnlyWhereTheSpaceHasATextRubric() {
        assertThat(new RubricRewrite().appliesTo(SearchSpace.of(Gene.bool(Spaces.COT))))
                .isFalse();
        assertThat(new RubricRewrite().appliesTo(SearchSpace.of(Gene.choice(Spaces.RUBRIC, List.of("a")))))
                .isFalse();
        assertThat(new RubricRewrite().appliesTo(SearchSpace.of(Gene.text(Spaces.RUBRIC, 10, List.of("a")))))
                .isTrue();
    }

    @Test
    void hasTheSeedId() {
        assertThat(new RubricRewrite().id()).isEqualTo("mutate.rubric.rewrite");
    }

    /** The examples of a rewrite prompt: id and body lines, in order. */
    private static List<Map.Entry<String, List<String>>> examples(String prompt) {
        List<Map.Entry<String, List<String>>> examples = new ArrayList<>();
        Matcher matcher = EXAMPLE.matcher(prompt);
        while (matcher.find()) {
            examples.add(
                    Map.entry(matcher.group(1), Arrays.asList(matcher.group(2).split("\n"))));
        }
        return examples;
    }
}
