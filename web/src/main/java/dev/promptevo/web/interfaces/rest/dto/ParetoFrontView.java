package dev.promptevo.web.interfaces.rest.dto;

import java.util.List;

/**
 * The non-dominated candidates of a completed run over {@code objectives} (constraint-domination:
 * candidates passing the gates on enough examples first), best composite first.
 */
public record ParetoFrontView(String runId, List<ObjectiveView> objectives, List<Point> points) {
    public record ObjectiveView(String id, String direction) {}

    /** A candidate with its objective values, by objective id. */
    public record Point(java.util.Map<String, Double> objectives, CandidateView candidate) {}
}
