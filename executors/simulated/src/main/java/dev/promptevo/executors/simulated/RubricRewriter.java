package dev.promptevo.executors.simulated;

import dev.promptevo.executors.simulated.SimulatorParameters.Principle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers a rubric-rewrite call by adding, dropping or rephrasing one principle.
 *
 * <p>When the failing examples shown point at a principle the rubric lacks (a failure its {@code
 * fixes} patterns find), the model adds it with probability {@code min(maxGuidance, guidanceScale *
 * capability)}: stronger models take the hint more often. Otherwise it takes a random step.
 */
final class RubricRewriter {
    private static final Pattern EXAMPLE_BLOCK = Pattern.compile("(?s)<example\\b[^>]*>(.*?)</example>");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    private static final String EMPHASIS = "Important: ";

    private final SimulatorParameters parameters;
    private final Map<String, List<Pattern>> fixes = new LinkedHashMap<>();

    RubricRewriter(SimulatorParameters parameters) {
        this.parameters = parameters;
        for (Principle principle : parameters.principles()) {
            fixes.put(
                    principle.id(),
                    principle.fixes().stream()
                            .map(regex -> Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.MULTILINE))
                            .toList());
        }
    }

    /**
     * A rewrite prompt taken apart.
     *
     * @param rubric the current rubric, between a line {@code <rubric>} and a line {@code </rubric>}
     * @param failures the inside of each {@code <example ...>...</example>} block after the rubric
     */
    record RewritePrompt(String rubric, List<String> failures) {
        RewritePrompt {
            failures = List.copyOf(failures);
        }

        /** Empty when the prompt has no {@code <rubric>} block. */
        static Optional<RewritePrompt> parse(String prompt) {
            String[] lines = prompt.split("\n", -1);
            int open = -1;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (open < 0 && line.equals("<rubric>")) {
                    open = i;
                } else if (open >= 0 && line.equals("</rubric>")) {
                    String rest = String.join("\n", List.of(lines).subList(i + 1, lines.length));
                    List<String> failures = new ArrayList<>();
                    Matcher block = EXAMPLE_BLOCK.matcher(rest);
                    while (block.find()) {
                        failures.add(block.group(1));
                    }
                    return Optional.of(new RewritePrompt(
                            String.join("\n", List.of(lines).subList(open + 1, i)), failures));
                }
            }
            return Optional.empty();
        }
    }

    /** The new rubric. */
    String rewrite(RewritePrompt prompt, double capability, RandomGenerator random) {
        String rubric = prompt.rubric();
        List<String> failures = prompt.failures();
        List<Principle> missing = new ArrayList<>();
        List<Principle> stated = new ArrayList<>();
        for (Principle principle : parameters.principles()) {
            (principle.isStatedIn(rubric) ? stated : missing).add(principle);
        }
        SimulatorParameters.Rewrite settings = parameters.rewrite();
        double guidance = Math.min(settings.maxGuidance(), settings.guidanceScale() * capability);
        double[] missingHits = hits(missing, failures);
        double[] statedHits = hits(stated, failures);
        double u = random.nextDouble();
        if (sum(missingHits) > 0 && u < guidance) {
            Principle chosen = missing.get(weightedIndex(missingHits, random));
            return add(rubric, chosen);
        }
        if (sum(missingHits) == 0 && sum(statedHits) > 0 && u < guidance) {
            Principle chosen = stated.get(weightedIndex(statedHits, random));
            return rephrase(rubric, chosen, random);
        }
        return randomStep(rubric, missing, stated, random);
    }

    private String randomStep(String rubric, List<Principle> missing, List<Principle> stated, RandomGenerator random) {
        SimulatorParameters.Rewrite settings = parameters.rewrite();
        double add = missing.isEmpty() ? 0 : settings.addProbability();
        double drop = stated.isEmpty() ? 0 : settings.dropProbability();
        double rephrase = stated.isEmpty() ? 0 : 1 - settings.addProbability() - settings.dropProbability();
        double total = add + drop + rephrase;
        if (total <= 0) {
            return rubric;
        }
        double u = random.nextDouble() * total;
        if (u < add) {
            Principle chosen = missing.get(random.nextInt(missing.size()));
            return add(rubric, chosen);
        }
        Principle chosen = stated.get(random.nextInt(stated.size()));
        if (u < add + drop) {
            return drop(rubric, chosen);
        }
        return rephrase(rubric, chosen, random);
    }

    private double[] hits(List<Principle> principles, List<String> failures) {
        double[] hits = new double[principles.size()];
        for (int i = 0; i < principles.size(); i++) {
            List<Pattern> patterns = fixes.get(principles.get(i).id());
            for (String failure : failures) {
                if (patterns.stream().anyMatch(p -> p.matcher(failure).find())) {
                    hits[i]++;
                }
            }
        }
        return hits;
    }

    private static String add(String rubric, Principle principle) {
        String base = rubric.strip();
        return base.isEmpty() ? principle.canonicalSentence() : base + "\n" + principle.canonicalSentence();
    }

    /** Removes every sentence stating the principle; whole lines when no single sentence does. */
    static String drop(String rubric, Principle principle) {
        List<String> kept = new ArrayList<>();
        for (String line : rubric.split("\n", -1)) {
            List<String> sentences = new ArrayList<>();
            for (String sentence : SENTENCE_END.split(line)) {
                if (!principle.isStatedIn(sentence)) {
                    sentences.add(sentence);
                }
            }
            String rest = String.join(" ", sentences);
            if (!(rest.isBlank() && !line.isBlank()) && !principle.isStatedIn(rest)) {
                kept.add(rest);
            }
        }
        return String.join("\n", kept).strip();
    }

    /** Replaces the first sentence stating the principle with another way of stating it. */
    static String rephrase(String rubric, Principle principle, RandomGenerator random) {
        List<String> lines = new ArrayList<>(List.of(rubric.split("\n", -1)));
        for (int i = 0; i < lines.size(); i++) {
            String[] sentences = SENTENCE_END.split(lines.get(i));
            for (int j = 0; j < sentences.length; j++) {
                String current = sentences[j];
                if (!principle.isStatedIn(current)) {
                    continue;
                }
                List<String> alternatives = principle.sentences().stream()
                        .filter(s -> !s.equals(current))
                        .toList();
                sentences[j] = alternatives.isEmpty()
                        ? (current.startsWith(EMPHASIS) ? current : EMPHASIS + current)
                        : alternatives.get(random.nextInt(alternatives.size()));
                lines.set(i, String.join(" ", sentences));
                return String.join("\n", lines).strip();
            }
        }
        return rubric;
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }

    private static int weightedIndex(double[] weights, RandomGenerator random) {
        double u = random.nextDouble() * sum(weights);
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0 && weights[i] > 0) {
                return i;
            }
        }
        for (int i = weights.length - 1; i >= 0; i--) {
            if (weights[i] > 0) {
                return i;
            }
        }
        throw new IllegalStateException("no positive weight");
    }
}
