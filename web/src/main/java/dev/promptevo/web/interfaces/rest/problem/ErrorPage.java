package dev.promptevo.web.interfaces.rest.problem;

import dev.promptevo.web.interfaces.rest.JsonBodies;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The error page of every error the web container answers itself, before or outside JAX-RS (a
 * {@code Content-Type} header it cannot parse, a path outside {@code /api}): its own page is HTML.
 * Answered as an RFC 9457 problem instead. The container's message is not echoed: it may name the
 * server's classes.
 */
@WebServlet(ErrorPage.PATH)
public class ErrorPage extends HttpServlet {
    public static final String PATH = "/problem";

    private static final long serialVersionUID = 1L;

    private static final Map<Integer, String> DETAILS = Map.of(
            400,
            "the request could not be read: check its URL and its headers (Content-Type, Accept, Content-Length)",
            404,
            "nothing is served at this path; the API is under /api",
            405,
            "this path does not take this HTTP method",
            413,
            "the request is larger than the server accepts",
            415,
            "the server does not read this Content-Type here");

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Asked for directly, not as an error page: there is nothing here.
        int status = code instanceof Integer c && c >= 400 && c <= 599 ? c : 404;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Response.StatusType known = Response.Status.fromStatusCode(status);
        String title = known == null ? (status < 500 ? "Bad request" : "Server error") : known.getReasonPhrase();
        String detail = DETAILS.getOrDefault(
                status,
                status < 500
                        ? "the request was refused (" + status + ")"
                        : "the server could not answer this request (" + status + ")");
        Problem problem = new Problem(
                Problem.URN + title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"),
                title,
                status,
                detail,
                uri == null ? request.getRequestURI() : uri.toString(),
                null,
                null);
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        JsonBodies.mapper().writeValue(response.getOutputStream(), problem);
    }
}
