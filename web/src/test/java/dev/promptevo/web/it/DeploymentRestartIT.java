package dev.promptevo.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The posteriors survive a restart: a real one. The suite's server ({@link SharedPayaraMicro}) is
 * stopped (SIGTERM) and started again on the same data directory and database; the test classes
 * that run after this one use the restarted server.
 */
@ExtendWith(ArquillianExtension.class)
class DeploymentRestartIT {
    @ArquillianResource
    private URL deployed;

    @ArquillianResource
    private SharedPayaraMicro server;

    @Deployment(testable = false)
    static WebArchive war() {
        return ItServer.war();
    }

    @Test
    void posteriorsPausesAndCountsAreTheSameAfterARestart() throws Exception {
        Api admin = new Api(deployed.getPort(), ItServer.adminToken());
        String id = DeploymentIT.deployGenomes(admin, 3, 0);
        double[] rewards = {1.0, 0.5, 0.0, 0.25};
        for (int i = 0; i < 60; i++) {
            String decision = DeploymentIT.route(admin, id);
            assertThat(DeploymentIT.reward(admin, decision, rewards[i % rewards.length])
                            .status())
                    .isEqualTo(200);
        }
        String unrewarded = DeploymentIT.route(admin, id);
        String rewardedTwice = DeploymentIT.route(admin, id);
        DeploymentIT.reward(admin, rewardedTwice, 0.5);
        assertThat(admin.postJson("api/deployments/" + id + "/arms/2/pause", Map.of("reason", "before the restart"))
                        .status())
                .isEqualTo(200);
        JsonNode before = admin.get("api/deployments/" + id).json();

        admin = new Api(server.restart().getPort(), ItServer.adminToken());
        JsonNode after = admin.get("api/deployments/" + id).json();
        for (int i = 0; i < 3; i++) {
            JsonNode b = before.path("arms").get(i);
            JsonNode a = after.path("arms").get(i);
            for (String field : new String[] {"alpha", "beta", "posteriorMean"}) {
                assertThat(a.path(field).asDouble())
                        .as("arm %d %s", i, field)
                        .isEqualTo(b.path(field).asDouble());
            }
            for (String field : new String[] {"rewards", "pulls", "status", "pauseReason", "gateChecks"}) {
                assertThat(a.path(field)).as("arm %d %s", i, field).isEqualTo(b.path(field));
            }
        }
        assertThat(after.path("rewards").asLong()).isEqualTo(61);
        assertThat(after.path("armSetVersion")).isEqualTo(before.path("armSetVersion"));

        assertThat(DeploymentIT.reward(admin, unrewarded, 1.0)
                        .json()
                        .path("applied")
                        .asBoolean())
                .as("a decision issued before the restart can be rewarded after it (same signing key)")
                .isTrue();
        assertThat(DeploymentIT.reward(admin, rewardedTwice, 1.0)
                        .json()
                        .path("applied")
                        .asBoolean())
                .as("and one rewarded before it stays rewarded once")
                .isFalse();
    }
}
