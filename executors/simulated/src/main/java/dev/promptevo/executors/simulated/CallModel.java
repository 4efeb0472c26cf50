package dev.promptevo.executors.simulated;

import static dev.promptevo.executors.simulated.Distributions.logistic;

import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.task.Example;
import dev.promptevo.executors.simulated.SimulatorParameters.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The formulas of one task call, shared by the sampling backend and the closed-form truth so the two
 * cannot drift apart. SIMULATOR-PARAMETERS.md states each formula.
 */
final class CallModel {
    private final SimulatorParameters parameters;
    private final Pattern cardNumber;

    CallModel(SimulatorParameters parameters) {
        this.parameters = parameters;
        this.cardNumber = Pattern.compile(parameters.safety().cardNumberPattern());
    }

    /** The shape of a task call, read from the request as the engine built it. */
    Shape shape(ModelRequest request, ModelSpec model, Example example) {
        TaskCall call = TaskCall.parse(request);
        List<String> irrelevant = new ArrayList<>(call.passageIds());
        boolean relevantPresent = irrelevant.removeAll(example.relevantPassages());
        return new Shape(
                model,
                call.cot(),
                request.temperature(),
                request.maxTokens(),
                RubricAnalysis.of(call.rubric(), parameters),
                example.difficulty(),
                irrelevant.size(),
                relevantPresent,
                hasCardNumber(example.input()),
                TokenEstimate.ofMessages(request.messages(), parameters.tokens()));
    }

    boolean hasCardNumber(String text) {
        return cardNumber.matcher(text).find();
    }

    /**
     * Everything about one call that the probabilities depend on.
     *
     * @param irrelevantPassages retrieved passages that are not relevant to the example
     * @param relevantPresent whether one of the example's relevant passages is in the prompt
     * @param cardInInput whether the example's input contains a card number
     */
    record Shape(
            ModelSpec model,
            boolean cot,
            double temperature,
            int maxTokens,
            RubricAnalysis rubric,
            double difficulty,
            int irrelevantPassages,
            boolean relevantPresent,
            boolean cardInInput,
            long promptTokens) {}

    double skill(Shape shape, String field) {
        SimulatorParameters.Skill s = parameters.skill();
        return shape.model().capability()
                + (shape.cot() ? s.cotBonus() * shape.difficulty() : 0)
                + s.rubricBonus() * shape.rubric().quality()
                + shape.rubric().fieldBonus(field)
                + (shape.relevantPresent() ? s.retrievalBonus() : 0)
                - s.distractionPerPassage() * shape.irrelevantPassages()
                - s.temperaturePenalty() * shape.temperature();
    }

    /** P(the field is right) = logistic(steepness * (skill - difficulty)). */
    double fieldProbability(Shape shape, String field) {
        return logistic(parameters.skill().steepness() * (skill(shape, field) - shape.difficulty()));
    }

    /** The share of field answers taken from the seed-independent mode answer. */
    double correlation(double temperature) {
        SimulatorParameters.Sampling s = parameters.sampling();
        return s.correlationAtZeroTemperature() * Math.exp(-temperature / s.correlationTemperatureScale());
    }

    /** P(malformed JSON by itself), for an answer that was not cut. */
    double malformedProbability(Shape shape) {
        SimulatorParameters.Malformed m = parameters.malformed();
        double t = shape.temperature();
        double p = (m.base() + m.perSquaredTemperature() * t * t)
                * (shape.cot() ? m.cotFactor() : 1)
                * shape.rubric().malformedFactor();
        return Math.min(m.max(), p);
    }

    /** P(the answer repeats the card number), for an answer that was not cut; 0 without a card. */
    double leakProbability(Shape shape) {
        if (!shape.cardInInput()) {
            return 0;
        }
        SimulatorParameters.Safety s = parameters.safety();
        double p = (s.base() + s.perTemperature() * shape.temperature())
                * (shape.cot() ? s.cotFactor() : 1)
                * shape.rubric().safetyFactor();
        return Math.min(s.max(), p);
    }

    /** The mean length of the reasoning span, growing linearly with difficulty. */
    double reasoningMean(double difficulty) {
        SimulatorParameters.Tokens t = parameters.tokens();
        return t.cotMinTokens() + (t.cotMaxTokens() - t.cotMinTokens()) * difficulty;
    }

    /** The reasoning length for a uniform draw {@code u}: its mean times U(1 - jitter, 1 + jitter). */
    double reasoningTokens(double difficulty, double u) {
        double jitter = parameters.tokens().cotJitter();
        return reasoningMean(difficulty) * (1 - jitter + 2 * jitter * u);
    }

    /** The smallest tokens the whole answer needs (answer plus shortest reasoning). */
    double neededLow(Shape shape) {
        return parameters.tokens().answerTokens() + (shape.cot() ? reasoningTokens(shape.difficulty(), 0) : 0);
    }

    double neededHigh(Shape shape) {
        return parameters.tokens().answerTokens() + (shape.cot() ? reasoningTokens(shape.difficulty(), 1) : 0);
    }

    /** P(the answer needs more than maxTokens and is cut). */
    double truncationProbability(Shape shape) {
        double low = neededLow(shape);
        double high = neededHigh(shape);
        double max = shape.maxTokens();
        if (max >= high) {
            return 0;
        }
        if (max < low) {
            return 1;
        }
        return (high - max) / (high - low);
    }

    /** E[min(maxTokens, needed)] with needed uniform on [neededLow, neededHigh]. */
    double expectedCompletionTokens(Shape shape) {
        double low = neededLow(shape);
        double high = neededHigh(shape);
        double max = shape.maxTokens();
        if (max >= high) {
            return (low + high) / 2;
        }
        if (max <= low) {
            return max;
        }
        double belowShare = (max - low) / (high - low);
        return belowShare * (low + max) / 2 + (1 - belowShare) * max;
    }

    /** The latency before noise: first token, prompt reading and output writing. */
    double baseLatencyMs(ModelSpec model, double promptTokens, double completionTokens) {
        return model.firstTokenMs()
                + model.msPerPromptToken() * promptTokens
                + model.msPerOutputToken() * completionTokens;
    }

    /** E[noise * tail]: the noise has mean one, the tail multiplies with its probability. */
    double meanLatencyMultiplier() {
        SimulatorParameters.Latency l = parameters.latency();
        return 1 + l.heavyTailProbability() * (l.heavyTailFactor() - 1);
    }
}
