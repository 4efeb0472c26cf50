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
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code promptevo-server.jar} as a child process in a working directory, on a free loopback
 * port, with a small authenticated HTTP client for its API. Its standard error goes to a log file
 * per start ({@code server-N.log}); its standard output is read until it prints its URL, then drained.
 * Each start has a fresh Payara runtime folder ({@code payara-N}), as the jar makes by default; the
 * PromptEvo data directory ({@code promptevo-data}) is the working directory's, shared by all starts.
 * {@link #close} stops it (SIGTERM, then SIGKILL after a minute).
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("PromptEvo is ready: (http://\\S+)");
    private static final Duration START_LIMIT = Duration.ofMinutes(4);
    /**
     * How long an API request may take. Generous: on a loaded 2-core machine a server resuming two
     * runs once took over 30 s to answer a GET (cause not yet known: a timeout keeps a thread dump).
     */
    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(90);

    static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path work;
    private final Path log;
    // HTTP/1.1 as curl and most clients speak it: the JDK client's default (HTTP/2, upgrading a plain
    // connection with h2c) has known stalls against Grizzly, which would only blur what a test measures.
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final long readyMillis;
    private final String api;

    private ServerProcess(Path work, int start, List<String> jvmOptions) throws Exception {
        this.work = work;
        this.log = work.resolve("server-" + start + ".log");
        int port = freeLoopbackPort();
        long began = System.nanoTime();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp")));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-jar",
                System.getProperty("promptevo.server.jar"),
                "--port",
                String.valueOf(port),
                "--rootdir",
                work.resolve("payara-" + start).toString()));
        this.process = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectError(log.toFile())
                .start();
        try {
            this.api = awaitUrl();
        } catch (Throwable e) {
            close();
            throw e;
        }
        this.readyMillis = (System.nanoTime() - began) / 1_000_000;
        assertThat(api).isEqualTo("http://127.0.0.1:" + port + "/api");
    }

    /**
     * Starts the server in {@code work} (the {@code start}-th time there) with {@code jvmOptions} (e.g.
     * {@code -Dpromptevo.runs.max-parallel=2}) and waits until it prints its URL.
     */
    static ServerProcess start(Path work, int start, String... jvmOptions) throws Exception {
        return new ServerProcess(work, start, List.of(jvmOptions));
    }

    String api() {
        return api;
    }

    long readyMillis() {
        return readyMillis;
    }

    Path log() {
        return log;
    }

    /** The resident set of the server's JVM, from /proc (Linux); -1 elsewhere. */
    long rssKb() {
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
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

    /**
     * The TCP sockets the server's JVM listens on, as {@code address:port} (IPv4-mapped IPv6
     * addresses shown as IPv4), read from /proc (Linux): the sockets among its open files that
     * /proc/net/tcp and tcp6 list in the LISTEN state.
     */
    List<String> listeningSockets() throws IOException {
        java.util.Set<String> inodes = new java.util.HashSet<>();
        try (java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(process.pid()), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        List<String> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))
                    .subList(1, Files.readAllLines(Path.of(table)).size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A") && inodes.contains(f[9])) {
                    listening.add(socketAddress(f[1]));
                }
            }
        }
        return listening;
    }

    /** {@code 0100007F:1F90} or a 32-digit IPv6 form as {@code 127.0.0.1:8080}, {@code [::]:6900}. */
    private static String socketAddress(String hex) {
        String[] parts = hex.split(":");
        int port = Integer.parseInt(parts[1], 16);
        String a = parts[0];
        byte[] bytes = new byte[a.length() / 2];
        // /proc prints each 32-bit word in host (little-endian) order
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                bytes[word * 4 + i] =
                        (byte) Integer.parseInt(a.substring(word * 8 + (3 - i) * 2, word * 8 + (3 - i) * 2 + 2), 16);
            }
        }
        try {
            InetAddress address = InetAddress.getByAddress(bytes);
            String text = address.getHostAddress();
            return (address instanceof java.net.Inet6Address ? "[" + text + "]" : text) + ":" + port;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(hex, e);
        }
    }

    /** The admin token the server made on its first start in this working directory. */
    String adminToken() {
        try {
            return Files.readString(work.resolve("promptevo-data/security/admin.token"))
                    .strip();
        } catch (IOException e) {
            throw new UncheckedIOException("the server wrote no admin token", e);
        }
    }

    HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        return send(method, path, json, adminToken());
    }

    /** A request carrying {@code bearer} (a token from another issuer, say). */
    HttpResponse<String> send(String method, String path, String json, String bearer)
            throws IOException, InterruptedException {
        return send(method, path, json, bearer, "application/json");
    }

    /** A request with a body of {@code contentType} (a dataset's lines, say). */
    HttpResponse<String> send(String method, String path, String body, String bearer, String contentType)
            throws IOException, InterruptedException {
        String json = body;
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(api + path).normalize())
                .timeout(ANSWER_LIMIT)
                .header("Authorization", "Bearer " + bearer);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new AssertionError(
                    method + " " + path + " got no answer within " + ANSWER_LIMIT.toSeconds()
                            + " s; the server's threads and log are in " + keepForDiagnosis()
                            + "; the end of the log:\n" + tail(),
                    e);
        }
    }

    /**
     * Copies the server's log and a thread dump of its JVM ({@code jcmd Thread.print}) to the build
     * folder (the working directory is a temporary one, deleted after the test), so that a server
     * that stopped answering can be understood after the fact.
     */
    private Path keepForDiagnosis() {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"), "server-diagnosis-" + process.pid());
        try {
            Files.createDirectories(folder);
            Files.copy(log, folder.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Path jcmd = Path.of(ProcessHandle.current().info().command().orElse("java"))
                    .resolveSibling("jcmd");
            new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "Thread.print")
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("threads.txt").toFile())
                    .start()
                    .waitFor(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            return Path.of("(not kept: " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return folder;
    }

    /** A request without a token. */
    HttpResponse<String> anonymous(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(api + path))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The first {@code data:} of a server-sent-event stream (the state the server sends on subscribing). */
    String firstEvent(String path) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> response = http.send(
                HttpRequest.newBuilder(URI.create(api + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + adminToken())
                        .header("Accept", "text/event-stream")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        try (java.util.stream.Stream<String> lines = response.body()) {
            return lines.filter(line -> line.startsWith("data:"))
                    .findFirst()
                    .map(line -> line.substring("data:".length()).strip())
                    .orElseThrow(() -> new AssertionError(path + " ended without an event"));
        }
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send("GET", path, null);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Polls the run until it is neither QUEUED nor RUNNING, and returns it as it ended. */
    JsonNode awaitEnd(String runId, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run = get("/runs/" + runId);
            if (!List.of("QUEUED", "RUNNING").contains(run.path("status").asText())) {
                return run;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("run " + runId + " did not end within " + limit + "; the end of the log:\n" + tail());
    }

    /** SIGTERM, as a service manager stops it; waits for the JVM to exit. */
    void terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("the server did not stop within 90 s of SIGTERM");
        }
    }

    /** SIGKILL: the JVM ends at once, no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Reads the server's output until it prints the URL (then keeps draining it); fails at once if it dies. */
    private String awaitUrl() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                    Matcher ready = READY.matcher(line);
                    if (ready.find()) {
                        url.complete(ready.group(1));
                    }
                }
            } catch (IOException e) {
                // the process ended: nothing more to read
            } finally {
                url.complete(null);
            }
        });
        String found;
        try {
            found = url.get(START_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            found = null;
        }
        if (found == null) {
            reader.interrupt();
            throw new AssertionError("the server printed no URL within " + START_LIMIT + " (alive: " + process.isAlive()
                    + "); its output: " + lines + "\nthe end of its log: " + tail());
        }
        return found;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
