package dev.promptevo.engine;

import dev.promptevo.api.genome.Gene;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelPrice;
import dev.promptevo.api.task.Example;
import dev.promptevo.engine.evolution.OptimizerConfig;
import dev.promptevo.engine.execution.PromptAssembler;
import dev.promptevo.engine.task.TaskBundle;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What a run may cost, worked out before its first call from the price table, the plan (population,
 * generations, examples) and the budget, so a user pointing PromptEvo at a paid API knows the stakes.
 *
 * <p>Calls are planned as every example for every new candidate: the initial population, then
 * {@code population - elites} children per later generation. The typical figure prices each call at
 * the base genome's model with its assembled prompt and half its {@code max_tokens} answered; the
 * ceiling prices every call at the dearest model with the whole {@code max_tokens} answered and three
 * consensus samples. Prompt tokens are estimated at four characters per token.
 *
 * @param plannedCalls calls the plan makes without consensus
 * @param typicalUsd the plan priced at the base genome's model
 * @param ceilingUsd the plan's upper bound (dearest model, full answers, consensus)
 * @param budgetUsd the run's USD cap, when it has one: the run never spends more than this
 * @param unpricedModels models of the search space without a known price (left out of the figures)
 */
public record CostEstimate(
        long plannedCalls,
        double typicalUsd,
        double ceilingUsd,
        OptionalDouble budgetUsd,
        List<String> unpricedModels) {

    private static final double CHARS_PER_TOKEN = 4.0;

    public CostEstimate {
        unpricedModels = List.copyOf(unpricedModels);
    }

    public static CostEstimate of(
            TaskBundle bundle, OptimizerConfig config, ModelBackend backend, int consensusSamples) {
        int examples = bundle.dataset().size();
        long candidates = config.populationSize()
                + (long) (config.generations() - 1) * (config.populationSize() - config.eliteCount());
        long calls = candidates * examples;

        var base = bundle.baseGenome();
        PromptAssembler prompts = new PromptAssembler(bundle.task(), java.util.Optional.empty());
        double promptChars = 0;
        for (Example example : bundle.dataset().examples()) {
            promptChars += prompts.messages(base.text("rubric"), base.bool("cot"), 0, example).stream()
                    .mapToInt(m -> m.content().length())
                    .sum();
        }
        long promptTokens = Math.round(promptChars / examples / CHARS_PER_TOKEN);
        long maxTokens = base.integer("max_tokens");

        List<String> models = new ArrayList<>();
        bundle.space()
                .find("model_key")
                .ifPresentOrElse(
                        gene -> models.addAll(((Gene.ChoiceGene) gene).options()),
                        () -> models.add(base.text("model_key")));
        List<String> unpriced = new ArrayList<>();
        double dearest = 0;
        ModelPrice dearestPrice = null;
        for (String model : models) {
            var price = backend.price(model);
            if (price.isEmpty()) {
                unpriced.add(model);
                continue;
            }
            double perCall = price.get().cost(promptTokens, maxTokens);
            if (perCall >= dearest) {
                dearest = perCall;
                dearestPrice = price.get();
            }
        }
        double typical = backend.price(base.text("model_key"))
                .map(p -> calls * p.cost(promptTokens, maxTokens / 2))
                .orElse(0.0);
        double ceiling = dearestPrice == null ? 0.0 : calls * consensusSamples * dearest;
        return new CostEstimate(calls, typical, ceiling, config.budget().maxUsd(), unpriced);
    }

    /** One line for a terminal. */
    public String describe() {
        StringBuilder text = new StringBuilder(String.format(
                java.util.Locale.ROOT,
                "Pre-run estimate: about %,d model calls; about $%.2f at the base genome's model, at most $%.2f"
                        + " (dearest model, full answers, consensus)",
                plannedCalls,
                typicalUsd,
                ceilingUsd));
        budgetUsd.ifPresentOrElse(
                cap -> text.append(String.format(java.util.Locale.ROOT, "; the budget caps it at $%.2f", cap)),
                () -> text.append("; no USD budget set (--max-usd caps it)"));
        if (!unpricedModels.isEmpty()) {
            text.append("; no price known for ").append(unpricedModels).append(", left out");
        }
        return text.toString();
    }
}
