package dev.promptevo.web.interfaces.security;

import dev.promptevo.web.interfaces.rest.JsonBodies;
import dev.promptevo.web.interfaces.rest.problem.Problem;
import dev.promptevo.web.interfaces.rest.problem.SecurityProblemMappers;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error page of a 401 that the server sends itself: MP-JWT refuses a token that is malformed,
 * expired, from another issuer or signed by another key before any resource runs, with a bare 401.
 * Answered as an RFC 9457 problem with the RFC 6750 challenge ({@code error="invalid_token"}), like
 * the API's own 401s.
 */
@WebServlet(UnauthorizedPage.PATH)
public class UnauthorizedPage extends HttpServlet {
    public static final String PATH = "/unauthorized";

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        boolean tokenSent = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        Problem problem = SecurityProblemMappers.unauthorized(
                uri == null ? request.getRequestURI() : uri.toString(),
                tokenSent
                        ? "the bearer token is not valid: it is malformed, expired, from another issuer or not signed"
                                + " by the key this server trusts"
                        : "a bearer token is required (Authorization: Bearer <token>)");
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(
                HttpHeaders.WWW_AUTHENTICATE,
                AuthenticationRequired.CHALLENGE + (tokenSent ? ", error=\"invalid_token\"" : ""));
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        JsonBodies.mapper().writeValue(response.getOutputStream(), problem);
    }
}
