package dev.promptevo.web.interfaces.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The REST API, under {@code /api}; resources and providers are discovered by annotation. */
@ApplicationPath("api")
@OpenAPIDefinition(
        info =
                @Info(
                        title = "PromptEvo",
                        version = "0.1.0",
                        description = "Evolutionary search over LLM call configurations: tasks, datasets, runs,"
                                + " plugins. Errors are RFC 9457 problems (application/problem+json).",
                        license = @License(name = "see the project's repository")),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(
        securitySchemeName = "bearer",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        bearerFormat = "JWT",
        description = "A JWT: the admin token printed on first start, one minted with POST /api/tokens, or one"
                + " from the identity provider named by mp.jwt.verify.issuer. Roles in its groups claim.")
public class PromptEvoApi extends Application {
    /**
     * JSON is read and written by {@link JsonBodies} alone. Jersey's own JSON features (JSON-B, and
     * Jackson on Payara) each register only when {@code jersey.config.jsonFeature} names them and the
     * first to run claims it, so which one answered depended on start-up order; naming none of them
     * keeps them all out. JSON-B would ignore unknown fields and coerce types.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of(
                "jersey.config.jsonFeature", JsonBodies.class.getSimpleName(),
                "jersey.config.server.jsonFeature", JsonBodies.class.getSimpleName(),
                "jersey.config.server.disableJsonBinding", true,
                "jersey.config.server.disableJsonProcessing", true,
                "jersey.config.server.disableMoxyJson", true);
    }
}
