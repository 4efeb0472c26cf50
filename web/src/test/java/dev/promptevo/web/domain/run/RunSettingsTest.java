package dev.promptevo.web.domain.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.promptevo.engine.evolution.OptimizerConfig;
import dev.promptevo.web.domain.InvalidInputException;
import dev.promptevo.web.domain.Violation;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSettingsTest {
    private static final RunSettings.Request EMPTY =
            new RunSettings.Request(null, null, null, null, null, null, null, null, null);

    @Test
    void absentFieldsTakeTheEnginesDefaults() {
        OptimizerConfig config = RunSettings.of(EMPTY, RunLimits.DEFAULTS).toOptimizerConfig();
        OptimizerConfig defaults = OptimizerConfig.defaults();

        assertThat(config.populationSize()).isEqualTo(defaults.populationSize());
        assertThat(config.generations()).isEqualTo(defaults.generations());
        assertThat(config.seed()).isEqualTo(defaults.seed());
        assertThat(config.budget().maxCalls()).isEmpty();
    }

    @Test
    void givenFieldsAndTheBudgetReachTheEngine() {
        RunSettings settings =
                RunSettings.of(new RunSettings.Request(6, 3, 7L, 4, 2, 0.9, 500L, 1.5, "PT2M"), RunLimits.DEFAULTS);
        OptimizerConfig config = settings.toOptimizerConfig();

        assertThat(config.populationSize()).isEqualTo(6);
        assertThat(config.generations()).isEqualTo(3);
        assertThat(config.seed()).isEqualTo(7);
        assertThat(config.concurrency()).isEqualTo(4);
        assertThat(config.stagnationLimit()).isEqualTo(2);
        assertThat(config.budget().maxCalls()).hasValue(500);
        assertThat(config.budget().maxUsd()).hasValue(1.5);
        assertThat(config.budget().maxWallTime()).contains(Duration.ofMinutes(2));
    }

    @Test
    void theStoredRequestReadsBackToTheSameSettings() {
        RunSettings settings = RunSettings.of(
                new RunSettings.Request(6, 3, 7L, null, null, null, null, 2.0, "PT30S"), RunLimits.DEFAULTS);

        assertThat(RunSettings.of(settings.toRequest(), RunLimits.DEFAULTS)).isEqualTo(settings);
    }

    @Test
    void outOfRangeValuesAreNamedTogether() {
        RunSettings.Request request = new RunSettings.Request(1, 5000, null, 0, 0, -0.1, 0L, -1.0, "soon");

        InvalidInputException e =
                catchThrowableOfType(InvalidInputException.class, () -> RunSettings.of(request, RunLimits.DEFAULTS));

        assertThat(e.violations())
                .extracting(Violation::field)
                .containsExactlyInAnyOrder(
                        "population",
                        "generations",
                        "concurrency",
                        "stagnationLimit",
                        "targetComposite",
                        "budget.maxCalls",
                        "budget.maxUsd",
                        "budget.maxWallTime");
    }

    @Test
    void theServersLimitsBoundTheRequest() {
        RunSettings.Request request = new RunSettings.Request(50, null, null, null, null, null, null, null, null);

        InvalidInputException e = catchThrowableOfType(
                InvalidInputException.class, () -> RunSettings.of(request, new RunLimits(20, 10, 4)));

        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("population");
            assertThat(v.message()).contains("between 2 and 20");
        });
    }

    @Test
    void chosenPluginsAreKeptAndReadBack() {
        RunSettings settings = RunSettings.of(
                new RunSettings.Request(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of("acme.cold-start", "mutate.cot.toggle"),
                        List.of("crossover.uniform"),
                        List.of("validator.embedding-similarity")),
                RunLimits.DEFAULTS);

        assertThat(settings.mutations()).containsExactly("acme.cold-start", "mutate.cot.toggle");
        assertThat(settings.crossovers()).containsExactly("crossover.uniform");
        assertThat(settings.validators()).containsExactly("validator.embedding-similarity");
        assertThat(RunSettings.of(settings.toRequest(), RunLimits.DEFAULTS)).isEqualTo(settings);
        assertThat(RunSettings.of(EMPTY, RunLimits.DEFAULTS).mutations()).isEmpty();
    }

    @Test
    void blankAndRepeatedPluginIdsAreNamedByPosition() {
        RunSettings.Request request = new RunSettings.Request(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Arrays.asList("a", " ", "a", null),
                List.of("x".repeat(201)),
                List.of());

        InvalidInputException e =
                catchThrowableOfType(InvalidInputException.class, () -> RunSettings.of(request, RunLimits.DEFAULTS));

        assertThat(e.violations())
                .extracting(Violation::field)
                .containsExactly("mutations[1]", "mutations[2]", "mutations[3]", "crossovers[0]");
        assertThat(e.violations().get(1).message()).contains("'a' a second time");
    }
}
