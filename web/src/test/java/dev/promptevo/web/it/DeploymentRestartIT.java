package dev.promptevo.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The posteriors survive a restart: a real one. Arquillian's Payara Micro container runs the server as
 * a process of its own that a deployment starts and an undeployment stops, so undeploying and
 * deploying again (a deployment Arquillian does not manage) stops the server and starts a new one on
 * the same data directory and database (two containers, so that each has a folder of its own).
 */
@ExtendWith(ArquillianExtension.class)
class DeploymentRestartIT {
    /** The port both containers listen on (arquillian.xml). */
    private static final int PORT = 8080;

    private static final String BEFORE = "before";
    private static final String AFTER = "after";

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = BEFORE, managed = false, testable = false)
    @TargetsContainer("restart")
    static WebArchive before() {
        return war();
    }

    @Deployment(name = AFTER, managed = false, testable = false)
    @TargetsContainer("restarted")
    static WebArchive after() {
        return war();
    }

    private static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("promptevo.it.war")));
    }

    @Test
    void posteriorsPausesAndCountsAreTheSameAfterARestart() {
        deployer.deploy(BEFORE);
        Api admin = new Api(PORT, ItServer.adminToken());
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

        deployer.undeploy(BEFORE);
        deployer.deploy(AFTER);
        try {
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
        } finally {
            deployer.undeploy(AFTER);
        }
    }
}
