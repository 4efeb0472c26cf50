package dev.promptevo.bench.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code route}: the throughput of {@code POST /api/deployments/{id}/route} as a share of a trivial
 * endpoint's ({@code POST /api/ping}: same token check, role and JSON writer, no work) on the same
 * real server, measured with {@code wrk} on loopback, the two alternating round by round.
 */
@Command(
        name = "route",
        mixinStandardHelpOptions = true,
        description = {
            "Starts promptevo-server.jar on a free loopback port with a fresh data directory, creates a deployment"
                    + " of the preloaded example's task, and measures with wrk the route endpoint's requests/s against"
                    + " POST /api/ping's, alternating, for several rounds; reports medians and their ratio.",
            "Needs wrk on the PATH (Debian: apt-get install wrk). Prints a table and writes the numbers as JSON."
        })
public final class RouteCommand implements Callable<Integer> {
    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--out", required = true, description = "The JSON file to write.")
    Path out;

    @Option(
            names = "--server-jar",
            defaultValue = "dist/target/promptevo-server.jar",
            description = "The server to start (default ${DEFAULT-VALUE}).")
    Path serverJar;

    @Option(
            names = "--rounds",
            defaultValue = "5",
            description = "Rounds; each measures both endpoints (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
            names = "--seconds",
            defaultValue = "10",
            description = "Length of each measurement (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(
            names = "--warmup-seconds",
            defaultValue = "15",
            description = "Warm-up of each endpoint before the rounds (default ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--threads", defaultValue = "2", description = "wrk threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--connections", defaultValue = "16", description = "wrk connections (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--arms", defaultValue = "5", description = "Arms of the deployment (default ${DEFAULT-VALUE}).")
    int arms;

    @Option(
            names = "--server-heap",
            defaultValue = "512m",
            description = "The server's -Xmx (default ${DEFAULT-VALUE}).")
    String serverHeap;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Integer call() throws Exception {
        if (rounds < 1 || seconds < 1 || arms < 1) {
            throw new IllegalArgumentException("--rounds, --seconds and --arms must be >= 1");
        }
        Path work = Files.createTempDirectory("promptevo-route-bench");
        int port = freePort();
        Process server = startServer(work, port);
        try {
            URI base = URI.create("http://127.0.0.1:" + port + "/");
            awaitReady(base, server);
            String token =
                    Files.readString(work.resolve("data/security/admin.token")).strip();
            String deployment = createDeployment(base, token);
            Path script = work.resolve("post.lua");
            Files.writeString(
                    script,
                    "wrk.method = \"POST\"\nwrk.headers[\"Authorization\"] = \"Bearer " + token + "\"\n",
                    StandardCharsets.UTF_8);
            URI route = base.resolve("api/deployments/" + deployment + "/route");
            URI ping = base.resolve("api/ping");
            System.err.println("warming up both endpoints for " + warmupSeconds + " s each");
            wrk(script, ping, warmupSeconds);
            wrk(script, route, warmupSeconds);
            List<RouteReport.Round> measured = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                // Alternate which goes first, so that neither always follows the other.
                boolean pingFirst = r % 2 == 0;
                Measurement first = wrk(script, pingFirst ? ping : route, seconds);
                Measurement second = wrk(script, pingFirst ? route : ping, seconds);
                Measurement p = pingFirst ? first : second;
                Measurement q = pingFirst ? second : first;
                measured.add(new RouteReport.Round(
                        r + 1, p.requestsPerSecond(), q.requestsPerSecond(), p.requests(), q.requests()));
                System.err.printf(
                        java.util.Locale.ROOT,
                        "round %d: ping %.0f/s, route %.0f/s%n",
                        r + 1,
                        p.requestsPerSecond(),
                        q.requestsPerSecond());
            }
            RouteReport report = new RouteReport(
                    new RouteReport.Settings(
                            rounds,
                            seconds,
                            warmupSeconds,
                            threads,
                            connections,
                            arms,
                            serverHeap,
                            Runtime.getRuntime().availableProcessors()),
                    measured);
            System.out.print(report.table());
            report.write(out);
            System.err.println("wrote " + out);
            return 0;
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
            deleteTree(work);
        }
    }

    private Process startServer(Path work, int port) throws IOException {
        if (!Files.isRegularFile(serverJar)) {
            throw new IllegalArgumentException("no server jar at " + serverJar.toAbsolutePath()
                    + " (build it: ./mvnw -pl dist -am package -DskipTests)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(
                java,
                "-Xmx" + serverHeap,
                "-Dpromptevo.data-dir=" + work.resolve("data").toAbsolutePath(),
                "-Dpromptevo.plugins-dir=" + work.resolve("plugins").toAbsolutePath(),
                "-Djava.io.tmpdir=" + work.toAbsolutePath(),
                "-jar",
                serverJar.toAbsolutePath().toString(),
                "--port",
                Integer.toString(port),
                "--rootdir",
                work.resolve("payara").toAbsolutePath().toString());
        System.err.println("starting the server on 127.0.0.1:" + port);
        return new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("server.log").toFile())
                .start();
    }

    private void awaitReady(URI base, Process server) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server stopped during start-up (exit " + server.exitValue() + ")");
            }
            try {
                HttpResponse<String> ready = http.send(
                        HttpRequest.newBuilder(base.resolve("health/ready"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the server was not ready after 4 minutes");
    }

    /** A deployment over the preloaded task: its base genome and variants at other temperatures. */
    private String createDeployment(URI base, String token) throws IOException, InterruptedException {
        JsonNode tasks = send(base, token, "GET", "api/tasks", null);
        JsonNode task = tasks.path("items").get(0);
        if (task == null) {
            throw new IllegalStateException("the server preloaded no task");
        }
        JsonNode full = send(base, token, "GET", "api/tasks/" + task.path("id").asText(), null);
        JsonNode genome = full.findValue("baseGenome");
        ObjectNode body = JSON.createObjectNode()
                .put("name", "route benchmark")
                .put("taskId", task.path("id").asText());
        ArrayNode genomes = body.putArray("genomes");
        for (int i = 0; i < arms; i++) {
            genomes.add(((ObjectNode) genome.deepCopy()).put("temperature", 0.1 + 0.2 * i));
        }
        return send(base, token, "POST", "api/deployments", body.toString())
                .path("id")
                .asText();
    }

    private JsonNode send(URI base, String token, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private record Measurement(double requestsPerSecond, long requests) {}

    private Measurement wrk(Path script, URI url, int duration) throws IOException, InterruptedException {
        List<String> command = List.of(
                "wrk",
                "-t" + threads,
                "-c" + connections,
                "-d" + duration + "s",
                "--timeout",
                "10s",
                "-s",
                script.toString(),
                url.toString());
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        Matcher errors = NON_2XX.matcher(output);
        if (errors.find() && Long.parseLong(errors.group(1)) > 0) {
            throw new IllegalStateException(
                    url + " answered " + errors.group(1) + " requests with an error:\n" + output);
        }
        Matcher rate = REQUESTS_PER_SECOND.matcher(output);
        Matcher count = REQUESTS.matcher(output);
        if (!rate.find() || !count.find()) {
            throw new IllegalStateException("cannot read wrk's output:\n" + output);
        }
        return new Measurement(Double.parseDouble(rate.group(1)), Long.parseLong(count.group(1)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }
}
