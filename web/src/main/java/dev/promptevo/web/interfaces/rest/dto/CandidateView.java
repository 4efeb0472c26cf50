package dev.promptevo.web.interfaces.rest.dto;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptevo.web.domain.run.RunCandidate;
import java.util.List;

/** An evaluated genome: the genome, its aggregated metrics, its fitness and lineage. */
public record CandidateView(
        String genomeId,
        int generation,
        String operator,
        List<String> parents,
        JsonNode genome,
        JsonNode metrics,
        double composite,
        double passRate,
        boolean onParetoFront,
        boolean best,
        boolean base) {
    public static CandidateView of(RunCandidate c) {
        return new CandidateView(
                c.genomeId(),
                c.generation(),
                c.operator(),
                c.parentIds(),
                c.genome(),
                c.metrics(),
                c.composite(),
                c.passRate(),
                c.onParetoFront(),
                c.best(),
                c.base());
    }
}
