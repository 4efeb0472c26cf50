package dev.promptevo.web.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.web.domain.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.junit.jupiter.api.Test;

/**
 * The access policy, one line per operation: the least role each needs (the role order makes every
 * higher role pass too). A new endpoint without a line here, or without {@code @RolesAllowed}, fails.
 */
class EndpointRolesTest {
    private static final Map<String, Role> POLICY = Map.ofEntries(
            Map.entry("createTask", Role.OPERATOR),
            Map.entry("listTasks", Role.VIEWER),
            Map.entry("getTask", Role.VIEWER),
            Map.entry("deleteTask", Role.OPERATOR),
            Map.entry("uploadDataset", Role.OPERATOR),
            Map.entry("listDatasets", Role.VIEWER),
            Map.entry("getDataset", Role.VIEWER),
            Map.entry("listDatasetExamples", Role.VIEWER),
            Map.entry("deleteDataset", Role.OPERATOR),
            Map.entry("startRun", Role.OPERATOR),
            Map.entry("listRuns", Role.VIEWER),
            Map.entry("getRun", Role.VIEWER),
            Map.entry("listRunGenerations", Role.VIEWER),
            Map.entry("listRunCandidates", Role.VIEWER),
            Map.entry("listCandidateEvaluations", Role.VIEWER),
            Map.entry("getRunParetoFront", Role.VIEWER),
            Map.entry("cancelRun", Role.OPERATOR),
            Map.entry("resumeRun", Role.OPERATOR),
            Map.entry("streamRunEvents", Role.VIEWER),
            Map.entry("listPlugins", Role.VIEWER),
            Map.entry("mintToken", Role.ADMIN),
            Map.entry("listTokens", Role.ADMIN),
            Map.entry("revokeToken", Role.ADMIN),
            Map.entry("createDeployment", Role.OPERATOR),
            Map.entry("listDeployments", Role.VIEWER),
            Map.entry("getDeployment", Role.VIEWER),
            Map.entry("routeDeployment", Role.OPERATOR),
            Map.entry("invokeDeployment", Role.OPERATOR),
            Map.entry("pauseDeploymentArm", Role.ADMIN),
            Map.entry("resumeDeploymentArm", Role.ADMIN),
            Map.entry("promoteDeploymentArm", Role.ADMIN),
            Map.entry("rollbackDeploymentArm", Role.ADMIN),
            Map.entry("rewardDecision", Role.OPERATOR),
            Map.entry("ping", Role.OPERATOR));

    @Test
    void everyOperationNeedsExactlyTheRoleThePolicyNames() throws Exception {
        Map<String, Role> found = new HashMap<>();
        for (Class<?> resource : resources()) {
            for (Method method : resource.getDeclaredMethods()) {
                if (Arrays.stream(method.getAnnotations())
                        .noneMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class))) {
                    continue;
                }
                String operation = method.getAnnotation(Operation.class).operationId();
                RolesAllowed allowed = method.isAnnotationPresent(RolesAllowed.class)
                        ? method.getAnnotation(RolesAllowed.class)
                        : resource.getAnnotation(RolesAllowed.class);
                assertThat(allowed).as("@RolesAllowed of %s", operation).isNotNull();
                assertThat(allowed.value()).as(operation).hasSize(1);
                found.put(operation, Role.byId(allowed.value()[0]).orElseThrow());
            }
        }
        assertThat(found).isEqualTo(POLICY);
    }

    /** Every JAX-RS resource class of the package, found on disk so that a new one cannot be missed. */
    private static List<Class<?>> resources() throws IOException, URISyntaxException {
        var dir = java.nio.file.Path.of(
                        TaskResource.class.getResource("TaskResource.class").toURI())
                .getParent();
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name -> load(TaskResource.class.getPackageName() + "." + name.replace(".class", "")))
                    .filter(c -> c.isAnnotationPresent(Path.class))
                    .<Class<?>>map(c -> c)
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
