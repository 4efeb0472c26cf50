package dev.promptevo.operators;

import dev.promptevo.api.genome.Allele;
import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.genome.Genome;
import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ChatMessage;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.search.Feedback;
import dev.promptevo.api.search.VariationContext;
import dev.promptevo.api.task.Task;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reflective rewrite of a text gene (the rubric) by an LLM, after GEPA and PromptBreeder: the model
 * sees the current text, the task, and up to {@value #MAX_EXAMPLES} examples the parent failed with
 * the validators' reasons, and answers with a whole new text.
 *
 * <p>The user message follows a fixed contract that the simulated backend parses:
 *
 * <pre>
 * &lt;rubric&gt;
 * (the current text)
 * &lt;/rubric&gt;
 * Task: (task name)
 * Output JSON Schema: (the task's schema)
 * &lt;example id="EXAMPLE_ID"&gt;
 * input: (the example's input)
 * expected: (the expected JSON)
 * output: (what the parent answered)
 * (one line per failure reason, as given)
 * &lt;/example&gt;
 * </pre>
 *
 * Line breaks inside an input, expected value, output or reason become spaces so each stays on its
 * line. The request carries {@code purpose=rubric-rewrite} and {@code genome.id} (the parent's id) in
 * its metadata, temperature {@value #TEMPERATURE}, at most {@value #MAX_TOKENS} tokens and a seed drawn
 * from the context's random source, so a run replays.
 *
 * <p>The answer is the text between {@code <rubric>} and {@code </rubric>} (everything after an
 * unclosed {@code <rubric>}, when the answer was cut off), else the whole answer, trimmed; when longer
 * than the gene's maximum it is cut at the last sentence end that keeps at least half of it. Without
 * a rewriter, on a {@link BackendException} or a blank answer, the parent is returned unchanged.
 */
final class RubricRewriteMutation extends GeneMutation<Gene.TextGene> {
    static final int MAX_EXAMPLES = 5;
    static final double TEMPERATURE = 0.7;
    static final int MAX_TOKENS = 800;

    private static final System.Logger LOG = System.getLogger(RubricRewriteMutation.class.getName());
    private static final Pattern TAGGED = Pattern.compile("(?s)<rubric>(.*?)(?:</rubric>|\\z)");
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    RubricRewriteMutation(String id, String gene) {
        super(id, gene, Gene.TextGene.class);
    }

    @Override
    Allele next(Gene.TextGene gene, Allele current, Genome parent, VariationContext context)
            throws InterruptedException {
        if (!(current instanceof Allele.Text(String rubric))
                || context.rewriter().isEmpty()) {
            return current;
        }
        VariationContext.Rewriter rewriter = context.rewriter().get();
        Feedback feedback = context.feedback().apply(parent.id());
        List<Feedback.Failure> shown =
                pickFailures(feedback == null ? List.of() : feedback.failures(), context.random());
        ModelRequest request = new ModelRequest(
                rewriter.model(),
                List.of(
                        ChatMessage.system(instructions(gene.maxLength())),
                        ChatMessage.user(prompt(rubric, context.task(), shown))),
                TEMPERATURE,
                MAX_TOKENS,
                OptionalLong.of(context.random().nextLong()),
                false,
                Map.of(ModelRequest.PURPOSE, ModelRequest.PURPOSE_RUBRIC_REWRITE, ModelRequest.GENOME_ID, parent.id()));
        throwIfInterrupted();
        String answer;
        try {
            answer = rewriter.backend().complete(request).text();
        } catch (BackendException e) {
            // A backend that was interrupted can only say so through a BackendException and the flag.
            throwIfInterrupted();
            LOG.log(System.Logger.Level.DEBUG, "rubric rewrite of genome {0} failed: {1}", parent.id(), e.getMessage());
            return current;
        }
        String rewritten = fit(extract(answer), gene.maxLength());
        return rewritten.isBlank() ? current : Allele.of(rewritten);
    }

    private static void throwIfInterrupted() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted during a rubric rewrite");
        }
    }

    static String instructions(int maxLength) {
        return """
                You improve the instructions (the rubric) that steer an LLM through a task. You are given \
                the current rubric, the task with its output schema, and examples the LLM failed, each \
                with its input, the expected output, the actual output and the reasons it failed.
                Rewrite the rubric so that cases like these pass: fix the causes the reasons point to, \
                state general rules rather than the answers to these examples, and keep every \
                instruction that already works.
                Answer with the full new rubric only, at most %d characters, between a line <rubric> \
                and a line </rubric>.""".formatted(maxLength);
    }

    static String prompt(String rubric, Task task, List<Feedback.Failure> failures) {
        StringBuilder text = new StringBuilder();
        text.append("<rubric>\n").append(rubric).append("\n</rubric>\n");
        text.append("Task: ").append(task.name()).append('\n');
        text.append("Output JSON Schema: ")
                .append(task.outputSchemaJson().strip())
                .append('\n');
        for (Feedback.Failure failure : failures) {
            text.append("<example id=\"").append(failure.exampleId()).append("\">\n");
            text.append("input: ").append(oneLine(failure.input())).append('\n');
            text.append("expected: ").append(oneLine(failure.expectedJson())).append('\n');
            text.append("output: ").append(oneLine(failure.output())).append('\n');
            failure.reasons().forEach(reason -> text.append(oneLine(reason)).append('\n'));
            text.append("</example>\n");
        }
        return text.toString();
    }

    /**
     * Up to {@value #MAX_EXAMPLES} failures in a random order, each next one chosen for the most
     * reasons not yet shown (numbers ignored, so "accuracy 0.5" and "accuracy 0.6" count as one kind).
     */
    static List<Feedback.Failure> pickFailures(List<Feedback.Failure> failures, RandomGenerator random) {
        List<Feedback.Failure> pool = new ArrayList<>(failures);
        for (int i = pool.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            pool.set(i, pool.set(j, pool.get(i)));
        }
        List<Feedback.Failure> picked = new ArrayList<>();
        Set<String> shownKinds = new HashSet<>();
        while (picked.size() < MAX_EXAMPLES && !pool.isEmpty()) {
            int best = 0;
            long bestNovelty = -1;
            for (int i = 0; i < pool.size(); i++) {
                long novelty = kinds(pool.get(i)).stream()
                        .filter(kind -> !shownKinds.contains(kind))
                        .count();
                if (novelty > bestNovelty) {
                    best = i;
                    bestNovelty = novelty;
                }
            }
            Feedback.Failure next = pool.remove(best);
            picked.add(next);
            shownKinds.addAll(kinds(next));
        }
        return picked;
    }

    private static Set<String> kinds(Feedback.Failure failure) {
        Set<String> kinds = new HashSet<>();
        failure.reasons().forEach(reason -> kinds.add(NUMBER.matcher(reason).replaceAll("#")));
        return kinds;
    }

    static String extract(String answer) {
        Matcher tagged = TAGGED.matcher(answer);
        return (tagged.find() ? tagged.group(1) : answer).strip();
    }

    /** {@code text}, or when longer than {@code maxLength} its longest head that ends a sentence. */
    static String fit(String text, int maxLength) {
        if (text.length() <= maxLength) {
            return text;
        }
        int end = maxLength;
        if (Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        int sentenceEnd = -1;
        for (int i = end; i > end / 2 && sentenceEnd < 0; i--) {
            char before = text.charAt(i - 1);
            char after = text.charAt(i);
            boolean closesSentence = (before == '.' || before == '!' || before == '?') && Character.isWhitespace(after);
            if (closesSentence || after == '\n') {
                sentenceEnd = i;
            }
        }
        return text.substring(0, sentenceEnd > 0 ? sentenceEnd : end).strip();
    }

    private static String oneLine(String text) {
        return LINE_BREAK.matcher(text).replaceAll(" ");
    }
}
