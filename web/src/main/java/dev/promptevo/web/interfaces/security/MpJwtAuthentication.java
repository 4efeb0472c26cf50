package dev.promptevo.web.interfaces.security;

import dev.promptevo.web.domain.security.Role;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * Switches MicroProfile JWT authentication on for the application: every request's {@code
 * Authorization: Bearer} token is verified by the server (signature with {@code
 * mp.jwt.verify.publickey.location}, issuer {@code mp.jwt.verify.issuer}, expiry) and its {@code
 * groups} become the caller's roles.
 *
 * <p>The MP-JWT specification puts {@code @LoginConfig} on the JAX-RS application class; Payara looks
 * for it on any CDI bean, and with {@code bean-discovery-mode="annotated"} the application class is
 * not one, so it sits on this bean instead.
 */
@ApplicationScoped
@LoginConfig(authMethod = "MP-JWT", realmName = MpJwtAuthentication.REALM)
@DeclareRoles({Role.Names.VIEWER, Role.Names.OPERATOR, Role.Names.ADMIN})
public class MpJwtAuthentication {
    public static final String REALM = "promptevo";
}
