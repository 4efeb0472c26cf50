package dev.promptevo.web.domain.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptevo.web.domain.JsonInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a client asks for when it creates a deployment, checked field by field:
 *
 * <pre>
 * {"name": "triage v2", "runId": "...", "select": "pareto" | "composite", "topK": 3}
 * {"name": "triage v2", "taskId": "...", "datasetId": "...", "genomes": [{...}, {...}]}
 * plus, optionally: "production": 0, "decisionTtlSeconds": 604800, "seed": 42,
 *   "trafficFloor": 0.01, "productionShare": 0.8, "splitHandoverRewards": 500
 * </pre>
 *
 * From a run, the arms are its top {@code topK} candidates of the Pareto front or by composite (best
 * composite first), warm-started from their offline evaluation; from genomes, each is checked against
 * the task's search space and starts from the flat prior. {@code production} is the position of the
 * arm the rollout starts from (none: no rollout split).
 */
public record DeploymentRequest(
        String name,
        Source source,
        OptionalInt production,
        Optional<Duration> decisionTtl,
        OptionalLong seed,
        OptionalDouble trafficFloor,
        OptionalDouble productionShare,
        OptionalDouble splitHandoverRewards) {

    public static final int MAX_ARMS = 32;
    public static final Duration MAX_TTL = Duration.ofDays(30);

    private static final Set<String> FIELDS = Set.of(
            "name",
            "runId",
            "select",
            "topK",
            "taskId",
            "datasetId",
            "genomes",
            "production",
            "decisionTtlSeconds",
            "seed",
            "trafficFloor",
            "productionShare",
            "splitHandoverRewards");

    /** Where the arms come from. */
    public sealed interface Source {
        int arms();
    }

    /** Which of a run's candidates. */
    public enum Selection {
        PARETO,
        COMPOSITE
    }

    public record FromRun(String runId, Selection selection, int topK) implements Source {
        @Override
        public int arms() {
            return topK;
        }
    }

    public record FromGenomes(String taskId, Optional<String> datasetId, List<JsonNode> genomes) implements Source {
        public FromGenomes {
            genomes = List.copyOf(genomes);
        }

        @Override
        public int arms() {
            return genomes.size();
        }
    }

    /**
     * @throws dev.promptevo.web.domain.InvalidInputException naming every field at fault
     */
    public static DeploymentRequest parse(JsonNode body) {
        JsonInput in = new JsonInput();
        if (!in.object(body, "")) {
            in.throwIfInvalid();
        }
        in.onlyKnown(body, "", FIELDS);
        String name = in.text(body, "", "name", true, Deployment.MAX_NAME).orElse(null);
        Optional<String> runId = in.text(body, "", "runId", false, 36);
        Optional<String> taskId = in.text(body, "", "taskId", false, 36);
        Source source = null;
        if (runId.isPresent() == taskId.isPresent()) {
            in.add("runId", "give either a runId (arms from a run's candidates) or a taskId with genomes");
        } else if (runId.isPresent()) {
            for (String field : List.of("datasetId", "genomes")) {
                if (body.has(field)) {
                    in.add(field, "only with a taskId; a run's deployment uses the run's dataset and candidates");
                }
            }
            Selection selection = in.text(body, "", "select", false, 20)
                    .map(s -> selection(in, s))
                    .orElse(Selection.PARETO);
            long topK = in.integer(body, "", "topK").orElse(3L);
            if (topK < 1 || topK > MAX_ARMS) {
                in.add("topK", "must be in [1, " + MAX_ARMS + "], got " + topK);
            }
            if (selection != null) {
                source = new FromRun(runId.get(), selection, (int) topK);
            }
        } else {
            for (String field : List.of("select", "topK")) {
                if (body.has(field)) {
                    in.add(field, "only with a runId");
                }
            }
            Optional<String> datasetId = in.text(body, "", "datasetId", false, 36);
            List<JsonNode> genomes = new ArrayList<>();
            in.array(body, "", "genomes")
                    .ifPresentOrElse(
                            array -> {
                                if (array.isEmpty() || array.size() > MAX_ARMS) {
                                    in.add("genomes", "must hold 1 to " + MAX_ARMS + " genomes, got " + array.size());
                                }
                                for (int i = 0; i < array.size(); i++) {
                                    if (in.object(array.get(i), JsonInput.index("genomes", i))) {
                                        genomes.add(array.get(i));
                                    }
                                }
                            },
                            () -> in.add("genomes", "is required with a taskId (an array of genomes)"));
            source = new FromGenomes(taskId.get(), datasetId, genomes);
        }
        OptionalInt production = OptionalInt.empty();
        Optional<Long> position = in.integer(body, "", "production");
        if (position.isPresent()) {
            int arms = source == null ? MAX_ARMS : source.arms();
            if (position.get() < 0 || position.get() >= arms) {
                in.add("production", "must be an arm position in [0, " + (arms - 1) + "], got " + position.get());
            } else {
                production = OptionalInt.of(position.get().intValue());
            }
        }
        Optional<Duration> ttl = in.integer(body, "", "decisionTtlSeconds").flatMap(seconds -> {
            if (seconds < 1 || seconds > MAX_TTL.toSeconds()) {
                in.add("decisionTtlSeconds", "must be in [1, " + MAX_TTL.toSeconds() + "], got " + seconds);
                return Optional.empty();
            }
            return Optional.of(Duration.ofSeconds(seconds));
        });
        OptionalLong seed = in.integer(body, "", "seed").map(OptionalLong::of).orElse(OptionalLong.empty());
        OptionalDouble floor = in.number(body, "", "trafficFloor", 0, 1);
        OptionalDouble share = in.number(body, "", "productionShare", 0, 1);
        OptionalDouble handover = in.number(body, "", "splitHandoverRewards", 0, 1e9);
        in.throwIfInvalid();
        return new DeploymentRequest(name, source, production, ttl, seed, floor, share, handover);
    }

    private static Selection selection(JsonInput in, String text) {
        try {
            return Selection.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            in.add("select", "must be 'pareto' or 'composite', got '" + text + "'");
            return null;
        }
    }
}
