package dev.promptevo.web.domain.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptevo.web.domain.InvalidInputException;
import dev.promptevo.web.domain.Violation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fromARunWithDefaults() throws Exception {
        DeploymentRequest request = DeploymentRequest.parse(JSON.readTree("{\"name\": \"n\", \"runId\": \"r1\"}"));
        assertThat(request.source())
                .isEqualTo(new DeploymentRequest.FromRun("r1", DeploymentRequest.Selection.PARETO, 3));
        assertThat(request.production()).isEmpty();
        assertThat(request.decisionTtl()).isEmpty();
    }

    @Test
    void fromGenomesWithEverySetting() throws Exception {
        DeploymentRequest request = DeploymentRequest.parse(JSON.readTree("{\"name\": \"n\", \"taskId\": \"t\","
                + " \"datasetId\": \"d\", \"genomes\": [{\"cot\": true}, {\"cot\": false}], \"production\": 1,"
                + " \"decisionTtlSeconds\": 60, \"seed\": 3, \"trafficFloor\": 0.05, \"productionShare\": 0.9,"
                + " \"splitHandoverRewards\": 100}"));
        assertThat(request.source()).isInstanceOfSatisfying(DeploymentRequest.FromGenomes.class, g -> {
            assertThat(g.genomes()).hasSize(2);
            assertThat(g.datasetId()).hasValue("d");
        });
        assertThat(request.production()).hasValue(1);
        assertThat(request.decisionTtl()).hasValue(Duration.ofSeconds(60));
        assertThat(request.trafficFloor()).hasValue(0.05);
    }

    @Test
    void aNameOverItsColumnOrWithNulAndNumbersGivenAsStringsAreNamed() {
        String tooLong = "n".repeat(Deployment.MAX_NAME + 1);
        assertThat(fields("{\"name\": \"" + tooLong + "\", \"runId\": \"r\"}")).containsExactly("name");
        assertThat(fields("{\"name\": \"a\\u0000b\", \"runId\": \"r\"}")).containsExactly("name");
        assertThat(fields("{\"name\": \"n\", \"runId\": \"r\", \"topK\": \"3\", \"seed\": \" \","
                        + " \"trafficFloor\": \"0.1\", \"decisionTtlSeconds\": \"\\u0000\"}"))
                .containsExactlyInAnyOrder("topK", "seed", "trafficFloor", "decisionTtlSeconds");
    }

    @Test
    void everyFieldAtFaultIsNamed() {
        assertThat(fields("{\"runId\": \"r\", \"taskId\": \"t\"}")).contains("name", "runId");
        assertThat(fields("{\"name\": \"n\", \"runId\": \"r\", \"select\": \"best\", \"topK\": 0, \"genomes\": []}"))
                .containsExactlyInAnyOrder("select", "topK", "genomes");
        assertThat(fields("{\"name\": \"n\", \"taskId\": \"t\", \"genomes\": [1], \"production\": 1,"
                        + " \"decisionTtlSeconds\": 0, \"trafficFloor\": 2, \"topK\": 2, \"colour\": \"red\"}"))
                .containsExactlyInAnyOrder(
                        "genomes[0]", "production", "decisionTtlSeconds", "trafficFloor", "topK", "colour");
        assertThat(fields("{\"name\": \"n\", \"taskId\": \"t\"}")).containsExactly("genomes");
        assertThat(fields("[]")).containsExactly("(body)");
    }

    private static List<String> fields(String body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> DeploymentRequest.parse(node));
        assertThat(thrown).as(body).isInstanceOf(InvalidInputException.class);
        return ((InvalidInputException) thrown)
                .violations().stream().map(Violation::field).toList();
    }

    @Test
    void aBlankNameIsRefused() {
        assertThatThrownBy(() -> DeploymentRequest.parse(JSON.readTree("{\"name\": \" \", \"runId\": \"r\"}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("name");
    }
}
