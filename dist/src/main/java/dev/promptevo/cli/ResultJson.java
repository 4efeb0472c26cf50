package dev.promptevo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptevo.api.eval.MetricsSummary;
import dev.promptevo.api.search.Objective;
import dev.promptevo.engine.evolution.Candidate;
import dev.promptevo.engine.evolution.GenerationReport;
import dev.promptevo.engine.evolution.OptimizationResult;
import dev.promptevo.engine.task.GenomeJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The machine-readable result of {@code optimize --out}. */
final class ResultJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultJson() {}

    static ObjectNode of(OptimizationResult result, String taskId, long seed) {
        ObjectNode root = JSON.createObjectNode();
        root.put("task", taskId);
        root.put("seed", seed);
        root.put("stopReason", result.stopReason().name());
        root.set("base", candidate(result.base(), result));
        root.set("best", candidate(result.best(), result));
        root.put("trainExamples", result.trainExamples());
        root.put("holdoutExamples", result.holdoutExamples());
        result.bestHoldoutGap().ifPresent(gap -> root.put("bestHoldoutGap", gap));
        root.put("rejectedCandidates", result.rejectedCandidates());
        ArrayNode failed = root.putArray("failedEvaluations");
        result.failedEvaluations()
                .forEach((reason, count) ->
                        failed.addObject().put("reason", reason).put("count", count));
        ArrayNode operators = root.putArray("operatorStats");
        result.operatorStats()
                .forEach(o -> operators
                        .addObject()
                        .put("operator", o.operator())
                        .put("children", o.children())
                        .put("successes", o.successes())
                        .put("successRate", o.successRate()));
        ArrayNode objectives = root.putArray("objectives");
        for (Objective o : result.objectives()) {
            objectives
                    .addObject()
                    .put("id", o.id())
                    .put("direction", o.direction().name());
        }
        ArrayNode front = root.putArray("paretoFront");
        for (Candidate c : result.paretoFront()) {
            ObjectNode point = front.addObject();
            point.put("genomeId", c.id());
            ObjectNode values = point.putObject("objectives");
            for (Objective o : result.objectives()) {
                values.put(o.id(), o.measure(c.summary()));
            }
            point.set("genome", GenomeJson.toNode(c.genome()));
        }
        ArrayNode generations = root.putArray("generations");
        for (GenerationReport g : result.generations()) {
            generations
                    .addObject()
                    .put("index", g.index())
                    .put("bestComposite", g.bestComposite())
                    .put("medianComposite", g.medianComposite())
                    .put("evaluations", g.evaluations())
                    .put("rejected", g.rejected())
                    .put("bestGenomeId", g.bestGenomeId());
        }
        ArrayNode lineage = root.putArray("candidates");
        for (Candidate c : result.candidates()) {
            ObjectNode node = lineage.addObject();
            node.put("genomeId", c.id());
            node.put("generation", c.generation());
            node.put("operator", c.operator());
            ArrayNode parents = node.putArray("parents");
            c.parentIds().forEach(parents::add);
            node.put("composite", c.composite());
        }
        root.putObject("spent")
                .put("calls", result.spent().calls())
                .put("failedCalls", result.spent().failedCalls())
                .put("tokens", result.spent().tokens())
                .put("costUsd", result.spent().costUsd())
                .put("wallSeconds", result.spent().wallSeconds());
        result.cache()
                .ifPresent(cache -> root.putObject("cache")
                        .put("hits", cache.hits())
                        .put("misses", cache.misses())
                        .put("uncacheable", cache.uncacheable())
                        .put("savedUsd", cache.savedUsd())
                        .put("savedTokens", cache.savedTokens()));
        return root;
    }

    private static ObjectNode candidate(Candidate c, OptimizationResult result) {
        ObjectNode node = JSON.createObjectNode();
        node.put("genomeId", c.id());
        node.set("genome", GenomeJson.toNode(c.genome()));
        node.put("composite", c.composite());
        node.put("generation", c.generation());
        node.put("operator", c.operator());
        node.set("metrics", metrics(c.summary()));
        MetricsSummary holdout = result.holdout().get(c.id());
        if (holdout != null) {
            node.put("holdoutComposite", holdout.composite());
            node.set("holdoutMetrics", metrics(holdout));
        }
        return node;
    }

    private static ObjectNode metrics(MetricsSummary s) {
        return JSON.createObjectNode()
                .put("examples", s.examples())
                .put("passRate", s.passRate())
                .put("schemaOkRate", s.schemaOkRate())
                .put("safetyFlagRate", s.safetyFlagRate())
                .put("meanValidatorScore", s.meanValidatorScore())
                .put("meanAccuracy", s.meanAccuracy())
                .put("latencyP50Ms", s.latencyP50Ms())
                .put("latencyP95Ms", s.latencyP95Ms())
                .put("meanTokens", s.meanTokens())
                .put("meanCostUsd", s.meanCostUsd())
                .put("meanRepairs", s.meanRepairs())
                .put("errorRate", s.errorRate())
                .put("robustness", s.robustness())
                .put(
                        "consensusAgreement",
                        s.meanAgreement().isPresent() ? s.meanAgreement().getAsDouble() : null);
    }

    /** Writes to a temporary sibling first, so a crash never leaves half a file. */
    static void write(ObjectNode node, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".promptevo-", ".json");
        JSON.writeValue(tmp.toFile(), node);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
