package dev.promptevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code promptevo-server.jar}, started as a user starts it ({@code java -jar ... --port N})
 * in an empty working directory on a free loopback port: it prints the API's URL, and the bundled
 * example is there to run. The server is always stopped, and its files go with the temporary folder.
 */
class ServerJarIT {
    private static final Pattern READY = Pattern.compile("PromptEvo is ready: (http://\\S+)");
    private static final Duration START_LIMIT = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void theServerJarStartsWithTheExamplePreloadedAndPrintsItsUrl() throws Exception {
        int port = freeLoopbackPort();
        Path log = work.resolve("server.log");
        Process server = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp")),
                        "-jar",
                        System.getProperty("promptevo.server.jar"),
                        "--port",
                        String.valueOf(port),
                        "--rootdir",
                        work.resolve("payara").toString())
                .directory(work.toFile())
                .redirectError(log.toFile())
                .start();
        try {
            long started = System.nanoTime();
            String api = awaitUrl(server, log);
            long readyMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf(
                    "promptevo-server.jar: URL printed after %,d ms; %,d kB resident%n", readyMillis, rssKb(server));

            assertThat(api).isEqualTo("http://127.0.0.1:" + port + "/api");
            // A first start prints the admin token once, with the file that keeps it; the API wants it.
            String token = bearerToken().orElseThrow(() -> new AssertionError("no admin token file"));
            assertThat(Files.readString(log))
                    .contains("PromptEvo admin token (printed this once; stored in ")
                    .contains(token);
            HttpResponse<String> anonymous = http.send(
                    HttpRequest.newBuilder(URI.create(api + "/tasks")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            JsonNode tasks = get(api + "/tasks");
            assertThat(tasks.path("items").findValuesAsText("name")).containsExactly("Support ticket triage");
            JsonNode task =
                    get(api + "/tasks/" + tasks.path("items").get(0).path("id").asText());
            assertThat(task.path("definition").path("documents")).isNotEmpty();
            JsonNode datasets = get(api + "/datasets");
            assertThat(datasets.path("items")).singleElement().satisfies(dataset -> {
                assertThat(dataset.path("name").asText()).isEqualTo("ticket-triage");
                assertThat(dataset.path("examples").asInt()).isEqualTo(260);
            });
            assertThat(work.resolve("promptevo-data"))
                    .as("the embedded database, under the working directory")
                    .isDirectory();
        } finally {
            stop(server);
        }
    }

    /** The admin token the server made on its first start, from the file it keeps it in. */
    private Optional<String> bearerToken() throws IOException {
        Path file = work.resolve("promptevo-data/security/admin.token");
        return Files.exists(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .GET();
        bearerToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Reads the server's output until it prints the URL; the server failing to start fails the test at once. */
    private static String awaitUrl(Process server, Path log) throws Exception {
        List<String> lines = new ArrayList<>();
        CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                    Matcher ready = READY.matcher(line);
                    if (ready.find()) {
                        return ready.group(1);
                    }
                }
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String found;
        try {
            found = url.get(START_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            found = null;
        }
        if (found == null) {
            throw new AssertionError("the server printed no URL within " + START_LIMIT + " (alive: " + server.isAlive()
                    + "); its output: " + lines + "\nthe end of its log: " + tail(log));
        }
        return found;
    }

    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(60, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The process's resident set, from /proc (Linux); -1 elsewhere. */
    private static long rssKb(Process server) {
        Path status = Path.of("/proc", String.valueOf(server.pid()), "status");
        try {
            return Files.readAllLines(status).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst()
                    .orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
