package dev.promptevo.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Authentication, roles and object-level checks against the real WAR on Payara Micro, MP-JWT
 * verifying the tokens. Tokens come from the server itself (the admin token it wrote on its first
 * start, and tokens an admin mints over the API) or are forged here to be refused.
 */
@ExtendWith(ArquillianExtension.class)
class SecurityIT {
    private static final String PROBLEM = "application/problem+json";
    private static final String ISSUER = "urn:promptevo:embedded";

    @ArquillianResource
    private URL deployed;

    private Api admin;

    @Deployment(testable = false)
    static WebArchive war() {
        return ItServer.war();
    }

    @BeforeEach
    void client() {
        admin = new Api(deployed.getPort(), ItServer.adminToken());
    }

    @Test
    void healthAndTheOpenApiDocumentNeedNoToken() {
        Api anonymous = admin.as(null);
        assertThat(anonymous.get("health/live").status()).isEqualTo(200);
        assertThat(anonymous.get("health/ready").status()).isEqualTo(200);
        Api.Reply openapi = anonymous.get("openapi?format=JSON");
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.json()
                        .path("components")
                        .path("securitySchemes")
                        .path("bearer")
                        .path("scheme")
                        .asText())
                .isEqualTo("bearer");
    }

    @Test
    void aRequestWithoutATokenIs401AndWritesNothing() {
        long tasks = total(admin, "api/tasks");
        Api anonymous = admin.as(null);

        assertUnauthorized(anonymous.get("api/tasks"), false);
        assertUnauthorized(anonymous.get("api/plugins"), false);
        assertUnauthorized(anonymous.postJson("api/tasks", Fixtures.ticketTriageTask()), false);
        assertUnauthorized(anonymous.getWithAuthorization("api/tasks", "Basic YWRtaW46YWRtaW4="), false);

        assertThat(total(admin, "api/tasks")).isEqualTo(tasks);
    }

    @Test
    void aGarbageExpiredForeignOrOtherIssuersTokenIs401AndOneWithoutARoleIs403() throws Exception {
        PrivateKey serverKey = serverSigningKey();
        var otherKey = KeyPairGenerator.getInstance("RSA");
        otherKey.initialize(2048);
        Instant now = Instant.now();

        assertUnauthorized(admin.as("not-a-jwt").get("api/tasks"), true);
        assertUnauthorized(admin.as("eyJ.eyJ.sig").get("api/tasks"), true);
        assertUnauthorized(
                admin.as(forge(serverKey, ISSUER, "admin", now.minus(Duration.ofDays(2)), Duration.ofDays(1)))
                        .get("api/tasks"),
                true);
        assertUnauthorized(
                admin.as(forge(otherKey.generateKeyPair().getPrivate(), ISSUER, "admin", now, Duration.ofDays(1)))
                        .get("api/tasks"),
                true);
        assertUnauthorized(
                admin.as(forge(serverKey, "https://idp.example.org", "admin", now, Duration.ofDays(1)))
                        .get("api/tasks"),
                true);
        assertThat(admin.as(forge(serverKey, ISSUER, "admin", now, Duration.ofDays(1)))
                        .get("api/tasks")
                        .status())
                .as("the same token, well made, passes: the refusals above are for what was wrong")
                .isEqualTo(200);
        assertProblem(
                admin.as(forge(serverKey, ISSUER, "staff", now, Duration.ofDays(1)))
                        .get("api/tasks"),
                403);
    }

    @Test
    void aViewerReadsButCannotStartARunOrMintTokens() {
        String team = "team-" + UUID.randomUUID();
        Api operator = admin.as(mint("op-" + team, "operator", team));
        Api viewer = admin.as(mint("dash-" + team, "viewer", team));
        String taskId = created(operator.postJson("api/tasks", Fixtures.ticketTriageTask()));
        String datasetId =
                created(operator.post("api/datasets?name=t", "application/x-ndjson", Fixtures.datasetLines(3)));
        String runId = started(operator, taskId, datasetId);
        long runs = total(admin, "api/runs");

        assertThat(viewer.get("api/runs/" + runId).status()).isEqualTo(200);
        assertThat(viewer.get("api/tasks/" + taskId).status()).isEqualTo(200);
        assertThat(viewer.get("api/plugins").status()).isEqualTo(200);
        assertThat(ids(viewer.get("api/runs"))).containsExactly(runId);

        Api.Reply refused = viewer.postJson("api/runs", runRequest(taskId, datasetId));
        assertProblem(refused, 403);
        assertThat(refused.json().path("detail").asText()).contains("operator");
        assertProblem(viewer.postEmpty("api/runs/" + runId + "/cancel"), 403);
        assertProblem(viewer.postJson("api/tasks", Fixtures.ticketTriageTask()), 403);
        assertProblem(viewer.delete("api/datasets/" + datasetId), 403);
        assertProblem(viewer.postJson("api/tokens", tokenRequest("x", "admin", null)), 403);
        assertThat(total(admin, "api/runs")).as("nothing written on refusal").isEqualTo(runs);
    }

    @Test
    void anOperatorStartsRunsButCannotMintTokensAndAnAdminCan() {
        Api operator = admin.as(mint("ci", "operator", null));
        started(
                operator,
                created(operator.postJson("api/tasks", Fixtures.ticketTriageTask())),
                created(operator.post("api/datasets?name=t", "application/x-ndjson", Fixtures.datasetLines(3))));
        long tokens = total(admin, "api/tokens");

        Api.Reply refused = operator.postJson("api/tokens", tokenRequest("me", "admin", null));
        assertProblem(refused, 403);
        assertThat(refused.json().path("detail").asText()).contains("admin");
        assertProblem(operator.get("api/tokens"), 403);
        assertThat(total(admin, "api/tokens")).isEqualTo(tokens);

        Api.Reply minted = admin.postJson("api/tokens", tokenRequest("dashboard", "viewer", "team-x"));
        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
        assertThat(minted.header("Cache-Control")).contains("no-store");
        assertThat(minted.json().path("token").asText()).contains(".");
        assertThat(minted.json().path("role").asText()).isEqualTo("viewer");
        JsonNode listed = admin.get("api/tokens?limit=200").json().path("items");
        assertThat(listed.findValuesAsText("id"))
                .contains(minted.json().path("id").asText());
        assertThat(listed.findValues("token"))
                .as("tokens are shown once, never listed")
                .isEmpty();

        Api.Reply invalid = admin.postJson(
                "api/tokens",
                Api.JSON
                        .createObjectNode()
                        .put("subject", "a b")
                        .put("role", "root")
                        .put("expiresInDays", 0));
        assertProblem(invalid, 400);
        assertThat(invalid.json().path("errors").findValuesAsText("field"))
                .containsExactly("subject", "role", "expiresInDays");
    }

    @Test
    void aRevokedTokenIs401() {
        Api.Reply minted = admin.postJson("api/tokens", tokenRequest("temp", "viewer", null));
        Api temp = admin.as(minted.json().path("token").asText());
        assertThat(temp.get("api/tasks").status()).isEqualTo(200);

        assertThat(admin.delete("api/tokens/" + minted.json().path("id").asText())
                        .status())
                .isEqualTo(204);

        Api.Reply refused = temp.get("api/tasks");
        assertUnauthorized(refused, true);
        assertProblem(admin.delete("api/tokens/nope"), 404);
    }

    @Test
    void anotherTeamsRunDoesNotExistForACallerButAnAdminSeesIt() {
        Api alice = admin.as(mint("alice", "operator", "team-a-" + UUID.randomUUID()));
        Api bob = admin.as(mint("bob", "operator", "team-b-" + UUID.randomUUID()));
        String taskId = created(alice.postJson("api/tasks", Fixtures.ticketTriageTask()));
        String datasetId = created(alice.post("api/datasets?name=a", "application/x-ndjson", Fixtures.datasetLines(3)));
        String runId = started(alice, taskId, datasetId);

        String unknown = UUID.randomUUID().toString();
        for (var probe : List.of(
                List.of("api/runs/%s", runId),
                List.of("api/runs/%s/generations", runId),
                List.of("api/runs/%s/candidates", runId),
                List.of("api/runs/%s/pareto-front", runId),
                List.of("api/runs/%s/events", runId),
                List.of("api/tasks/%s", taskId),
                List.of("api/datasets/%s", datasetId),
                List.of("api/datasets/%s/examples", datasetId))) {
            String id = probe.get(1);
            Api.Reply reply = bob.get(probe.get(0).formatted(id));
            assertProblem(reply, 404);
            assertThat(reply.json().path("detail").asText())
                    .as("another team's %s answers as an id that does not exist", probe.get(0))
                    .isEqualTo(bob.get(probe.get(0).formatted(unknown))
                            .json()
                            .path("detail")
                            .asText()
                            .replace(unknown, id));
        }
        assertProblem(bob.postEmpty("api/runs/" + runId + "/cancel"), 404);
        assertProblem(bob.delete("api/tasks/" + taskId), 404);
        assertThat(ids(bob.get("api/runs"))).doesNotContain(runId);
        assertThat(ids(bob.get("api/tasks?limit=200"))).doesNotContain(taskId);
        assertThat(ids(bob.get("api/datasets?limit=200"))).doesNotContain(datasetId);
        Api.Reply borrowed = bob.postJson("api/runs", runRequest(taskId, datasetId));
        assertProblem(borrowed, 400);
        assertThat(borrowed.json().path("errors").findValuesAsText("field")).containsExactly("taskId", "datasetId");

        assertThat(alice.get("api/runs/" + runId).json().path("status").asText())
                .isNotEqualTo("CANCELLED");
        Api.Reply seenByAdmin = admin.get("api/runs/" + runId);
        assertThat(seenByAdmin.status()).isEqualTo(200);
        assertThat(seenByAdmin.json().path("owner").asText()).isEqualTo("alice");
        assertThat(ids(admin.get("api/runs?limit=200"))).contains(runId);
    }

    @Test
    void backendAddressesAndKeysAreNeverTakenFromARequest() {
        Api operator = admin.as(mint("ssrf", "operator", null));
        String taskId = created(operator.postJson("api/tasks", Fixtures.ticketTriageTask()));
        String datasetId =
                created(operator.post("api/datasets?name=s", "application/x-ndjson", Fixtures.datasetLines(3)));

        Api.Reply run = operator.postJson(
                "api/runs", runRequest(taskId, datasetId).put("baseUrl", "http://169.254.169.254/latest/meta-data"));
        assertProblem(run, 400);
        assertThat(run.json().path("errors").findValuesAsText("field")).containsExactly("baseUrl");
        assertThat(run.json().path("detail").asText()).contains("server configuration");

        ObjectNode task = Fixtures.ticketTriageTask();
        task.putObject("backend").put("id", "simulated").putObject("settings").put("base-url", "http://10.0.0.1/");
        Api.Reply created = operator.postJson("api/tasks", task);
        assertProblem(created, 400);
        assertThat(created.json().path("errors").findValuesAsText("field")).containsExactly("backend.settings");
    }

    @Test
    void theAdminTokenFileAndTheSigningKeyAreOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(ItServer.securityDir().resolve("admin.token"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(ItServer.securityDir().resolve("token-signing-key.pem"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ItServer.securityDir())))
                .isEqualTo("rwx------");
    }

    private String mint(String subject, String role, String team) {
        Api.Reply minted = admin.postJson("api/tokens", tokenRequest(subject, role, team));
        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
        return minted.json().path("token").asText();
    }

    private static ObjectNode tokenRequest(String subject, String role, String team) {
        ObjectNode body = Api.JSON
                .createObjectNode()
                .put("subject", subject)
                .put("role", role)
                .put("expiresInDays", 1);
        if (team != null) {
            body.put("team", team);
        }
        return body;
    }

    private static ObjectNode runRequest(String taskId, String datasetId) {
        return Api.JSON
                .createObjectNode()
                .put("taskId", taskId)
                .put("datasetId", datasetId)
                .put("population", 2)
                .put("generations", 1);
    }

    private static String started(Api as, String taskId, String datasetId) {
        Api.Reply reply = as.postJson("api/runs", runRequest(taskId, datasetId));
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        return reply.json().path("id").asText();
    }

    private static String created(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().path("id").asText();
    }

    private static long total(Api as, String path) {
        return as.get(path + "?limit=1").json().path("total").asLong();
    }

    private static List<String> ids(Api.Reply page) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return page.json().path("items").findValuesAsText("id");
    }

    /** A token signed here, as an attacker (or a stale client) would send it. */
    private static String forge(PrivateKey key, String issuer, String role, Instant issuedAt, Duration lifetime)
            throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(issuer)
                        .subject("mallory")
                        .claim("upn", "mallory")
                        .claim("groups", List.of(role))
                        .issueTime(Date.from(issuedAt))
                        .expirationTime(Date.from(issuedAt.plus(lifetime)))
                        .jwtID(UUID.randomUUID().toString())
                        .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** The server's own signing key, read from its data directory (as only someone on the machine could). */
    private static PrivateKey serverSigningKey() throws Exception {
        String pem = Files.readString(ItServer.securityDir().resolve("token-signing-key.pem"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static void assertUnauthorized(Api.Reply reply, boolean tokenSent) {
        assertProblem(reply, 401);
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
        if (tokenSent) {
            assertThat(reply.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        }
    }

    private static void assertProblem(Api.Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith(PROBLEM);
        assertThat(reply.json().path("status").asInt()).isEqualTo(status);
        assertThat(reply.json().path("type").asText()).startsWith("urn:promptevo:problem:");
    }
}
