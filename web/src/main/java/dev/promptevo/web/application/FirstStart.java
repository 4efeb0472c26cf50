package dev.promptevo.web.application;

import dev.promptevo.web.domain.security.Role;
import dev.promptevo.web.domain.security.TokenGrant;
import dev.promptevo.web.infrastructure.persistence.SchemaMigration;
import dev.promptevo.web.infrastructure.security.IssuerKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the server says about tokens when it starts. On the first start of the embedded default it
 * makes the signing key pair and an admin token, stores the token owner-only, and prints it this
 * one time with the file's path; every later start only says where the token is. A server that
 * verifies another issuer's tokens says which.
 */
@ApplicationScoped
public class FirstStart {
    /** The subject of the first admin token. */
    public static final String ADMIN_SUBJECT = "admin";

    private static final Logger LOG = Logger.getLogger(FirstStart.class.getName());

    @Inject
    private IssuerKeys keys;

    @Inject
    private TokenService tokens;

    @Inject
    @ConfigProperty(name = "promptevo.security.admin-token-days", defaultValue = "365")
    private int adminTokenDays;

    void onSchemaReady(@Observes SchemaMigration.SchemaReady event) {
        TokenGrant admin = new TokenGrant(ADMIN_SUBJECT, Role.ADMIN, Optional.empty(), Duration.ofDays(adminTokenDays));
        LOG.info(report(
                keys.state(), () -> tokens.mint("(first start)", admin), keys::writeAdminToken, keys.adminTokenFile()));
    }

    /**
     * What to print at start: on the first start of the embedded issuer, mints the admin token,
     * stores it and returns the one message that shows it; otherwise a message with no token.
     */
    static String report(
            IssuerKeys.State state,
            Supplier<TokenService.Minted> mintAdmin,
            Function<String, Path> store,
            Path adminTokenFile) {
        return switch (state.mode()) {
            case EXTERNAL ->
                "PromptEvo verifies tokens of the issuer " + state.issuer() + " with the key at "
                        + state.publicKeyLocation().orElse("(mp.jwt.verify.publickey)") + "; it mints none";
            case CREATED -> {
                TokenService.Minted minted = mintAdmin.get();
                yield announcement(minted, store.apply(minted.token()));
            }
            case LOADED -> reminder(adminTokenFile, state.folder());
        };
    }

    static String announcement(TokenService.Minted minted, Path file) {
        // One line, the token last, so that a script can take it from the log.
        return "PromptEvo admin token (printed this once; stored in " + file + ", readable by this user only;"
                + " expires " + minted.record().expiresAt() + "): " + minted.token();
    }

    static String reminder(Path file, Path folder) {
        if (Files.exists(file)) {
            return "PromptEvo admin token: in " + file + " (made on the first start, not printed again)";
        }
        return "PromptEvo admin token: " + file + " was removed; to make a new one, stop the server, delete " + folder
                + " and start it again (every token issued so far stops working)";
    }
}
