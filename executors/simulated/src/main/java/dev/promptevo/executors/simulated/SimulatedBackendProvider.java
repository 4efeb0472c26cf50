package dev.promptevo.executors.simulated;

import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelBackendProvider;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Makes {@link SimulatedBackend}s. Settings (without the {@code promptevo.backends.simulated.}
 * prefix):
 *
 * <ul>
 *   <li>{@code config}: a JSON parameter file, relative to the task directory, merged over the bundled
 *       defaults (see {@link SimulatorParameters}); absent: the defaults alone
 *   <li>{@code seed}: the backend seed, a long (default 0)
 *   <li>{@code realtime}: {@code true} to sleep for the modelled latency in every call (default
 *       {@code false}: return at once and report the modelled latency)
 *   <li>{@code fixed-latency-ms}: every call takes exactly this many milliseconds (a number, at least
 *       0) instead of the modelled latency: it reports it, and sleeps it when {@code realtime} is on
 *       (default: absent, the modelled latency)
 * </ul>
 */
public final class SimulatedBackendProvider implements ModelBackendProvider {
    public static final String ID = "simulated";
    public static final String CONFIG = "config";
    public static final String SEED = "seed";
    public static final String REALTIME = "realtime";
    public static final String FIXED_LATENCY_MS = "fixed-latency-ms";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ModelBackend create(Context context) {
        Map<String, String> settings = context.settings();
        String config = settings.get(CONFIG);
        SimulatorParameters parameters = config == null || config.isBlank()
                ? SimulatorParameters.defaults()
                : SimulatorParameters.load(resolve(context.baseDirectory(), config));
        return SimulatedBackend.of(
                parameters,
                seed(settings.get(SEED)),
                context.knownExamples(),
                realtime(settings),
                fixedLatencyMs(settings.get(FIXED_LATENCY_MS)));
    }

    private static Path resolve(Path baseDirectory, String config) {
        return baseDirectory.resolve(config).normalize();
    }

    private static long seed(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "the simulated backend's setting '" + SEED + "' must be a whole number, got '" + value + "'", e);
        }
    }

    private static OptionalDouble fixedLatencyMs(String value) {
        if (value == null || value.isBlank()) {
            return OptionalDouble.empty();
        }
        double ms;
        try {
            ms = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            ms = Double.NaN;
        }
        if (!(ms >= 0) || Double.isInfinite(ms)) {
            throw new IllegalArgumentException("the simulated backend's setting '" + FIXED_LATENCY_MS
                    + "' must be a number of milliseconds >= 0, got '" + value + "'");
        }
        return OptionalDouble.of(ms);
    }

    private static boolean realtime(Map<String, String> settings) {
        String value = settings.getOrDefault(REALTIME, "false").strip();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(
                    "the simulated backend's setting '" + REALTIME + "' must be true or false, got '" + value + "'");
        }
        return value.equalsIgnoreCase("true");
    }
}
