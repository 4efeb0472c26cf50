package dev.promptevo.executors.simulated;

import dev.promptevo.executors.simulated.SimulatorParameters.Principle;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a rubric does for the model: which principles it states (found by key phrase), how diluted it
 * is by its length, and the effects that follow.
 *
 * @param stated ids of the principles the rubric states
 * @param tokens the rubric's estimated length
 * @param strength 1 up to the length limit, then falling by {@code dilutionPerToken} a token, never
 *     below 0; every effect of a stated principle is scaled by it
 * @param quality {@code strength} times the weighted share of principles stated, in [0, 1]
 * @param fieldBonus extra skill per output field from the stated principles about that field
 * @param malformedFactor multiplies the malformed-JSON probability
 * @param safetyFactor multiplies the card-number leak probability
 */
record RubricAnalysis(
        Set<String> stated,
        long tokens,
        double strength,
        double quality,
        Map<String, Double> fieldBonus,
        double malformedFactor,
        double safetyFactor) {

    RubricAnalysis {
        stated = Set.copyOf(stated);
        fieldBonus = Map.copyOf(fieldBonus);
    }

    static RubricAnalysis of(String rubric, SimulatorParameters parameters) {
        long tokens = TokenEstimate.of(rubric, parameters.tokens());
        long overLimit = Math.max(0, tokens - parameters.rubric().lengthLimitTokens());
        double strength = Math.max(0, 1 - overLimit * parameters.rubric().dilutionPerToken());
        Set<String> stated = new LinkedHashSet<>();
        double statedWeight = 0;
        double totalWeight = 0;
        Map<String, Double> fieldBonus = new HashMap<>();
        double malformedFactor = 1;
        double safetyFactor = 1;
        for (Principle principle : parameters.principles()) {
            totalWeight += principle.weight();
            if (!principle.isStatedIn(rubric)) {
                continue;
            }
            stated.add(principle.id());
            statedWeight += principle.weight();
            if (principle.field() != null) {
                double bonus = principle.fieldBonus() != null
                        ? principle.fieldBonus()
                        : parameters.skill().fieldPrincipleBonus();
                fieldBonus.merge(principle.field(), strength * bonus, Double::sum);
            }
            malformedFactor *= 1 - strength * (1 - principle.malformedFactor());
            safetyFactor *= 1 - strength * (1 - principle.safetyFactor());
        }
        double quality = totalWeight == 0 ? 0 : strength * statedWeight / totalWeight;
        return new RubricAnalysis(stated, tokens, strength, quality, fieldBonus, malformedFactor, safetyFactor);
    }

    double fieldBonus(String field) {
        return fieldBonus.getOrDefault(field, 0.0);
    }
}
