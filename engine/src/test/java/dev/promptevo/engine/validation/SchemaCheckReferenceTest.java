package dev.promptevo.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An output schema resolves references within itself only: a reference to a URL or a file is refused
 * at once, before any connection or file read, with the same message whether its target exists or not.
 * A loopback listener that never answers stands for the internal service an attacker would aim at: it
 * counts the connections made, and would hold a fetch forever, so a refusal that is not immediate fails
 * the 2 s limit.
 */
class SchemaCheckReferenceTest {
    private static final Duration QUICKLY = Duration.ofSeconds(2);

    private static Listener listener;

    @TempDir
    static Path folder;

    @BeforeAll
    static void listen() throws IOException {
        listener = new Listener();
    }

    @AfterAll
    static void stop() throws IOException {
        listener.close();
    }

    @AfterEach
    void nothingWasFetched() {
        assertThat(listener.connections())
                .as("connections to the loopback listener")
                .isZero();
    }

    static Stream<Arguments> outsideReferences() throws IOException {
        int port = listener.port();
        Path existing = Files.writeString(folder.resolve("existing.json"), "{\"type\": \"string\"}");
        Path jar = folder.resolve("schemas.jar");
        Files.write(jar, new byte[0]);
        return Stream.of(
                        "http://127.0.0.1:" + port + "/x.json",
                        "http://localhost:" + port + "/",
                        "http://[::1]:" + port + "/",
                        "http://2130706433:" + port + "/",
                        "http://127.1:" + port + "/",
                        "https://127.0.0.1:" + port + "/x.json",
                        "ftp://127.0.0.1:" + port + "/x.json",
                        "gopher://127.0.0.1:" + port + "/_x",
                        "file:///etc/passwd",
                        existing.toUri().toString(),
                        "jar:" + jar.toUri() + "!/x.json",
                        "netdoc:///etc/passwd",
                        "https://json-schema.org/draft/2020-12/schema",
                        "x.json",
                        "//127.0.0.1:" + port + "/x.json")
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outsideReferences")
    void aReferenceOutsideTheSchemaIsRefusedAtOnceNamingIt(String reference) {
        String schema = "{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": " + quoted(reference) + "}}}";

        assertThat(refusal(schema))
                .isEqualTo("the output schema refers to " + quoted(reference)
                        + " at /properties/a/$ref, outside the schema; only references within it (\"#/...\", or"
                        + " the $id of a subschema in it) are resolved");
    }

    @Test
    void anExistingAndAMissingFileAreRefusedAlike() throws IOException {
        Path existing = Files.writeString(folder.resolve("there.json"), "{\"type\": \"string\"}");
        Path missing = folder.resolve("not-there.json");

        String there = refusal("{\"$ref\": " + quoted(existing.toUri().toString()) + "}");
        String notThere = refusal("{\"$ref\": " + quoted(missing.toUri().toString()) + "}");

        assertThat(there.replace(existing.toUri().toString(), "FILE"))
                .isEqualTo(notThere.replace(missing.toUri().toString(), "FILE"));
    }

    @Test
    void aRelativeReferenceIsResolvedAgainstTheSchemasIdAndRefused() {
        String base = "http://127.0.0.1:" + listener.port() + "/root.json";

        assertThat(refusal("{\"$id\": " + quoted(base) + ", \"properties\": {\"a\": {\"$ref\": \"x.json\"}}}"))
                .startsWith("the output schema refers to \"x.json\" (http://127.0.0.1:" + listener.port()
                        + "/x.json) at /properties/a/$ref, outside the schema");
    }

    @Test
    void aReferenceDeepInsideIsFound() {
        String url = "http://127.0.0.1:" + listener.port() + "/deep.json";
        String schema = """
                {"type": "object",
                 "properties": {"list": {"type": "array", "items": {"allOf": [
                   {"type": "object"},
                   {"properties": {"inner": {"anyOf": [{"type": "null"}, {"$ref": "%s"}]}}}]}}},
                 "$defs": {"loop": {"properties": {"next": {"$ref": "#/$defs/loop"}}}}}
                """.formatted(url);

        assertThat(refusal(schema))
                .contains("\"" + url + "\" at /properties/list/items/allOf/1/properties/inner/anyOf/1/$ref");
    }

    @Test
    void aDynamicReferenceAndAnUnusedDefinitionAreCheckedToo() {
        String url = "http://127.0.0.1:" + listener.port() + "/";

        assertThat(refusal("{\"$dynamicRef\": " + quoted(url) + "}")).contains(" at /$dynamicRef, ");
        assertThat(refusal("{\"$defs\": {\"unused\": {\"$ref\": " + quoted(url) + "}}}"))
                .contains(" at /$defs/unused/$ref, ");
        assertThat(refusal("{\"$schema\": \"http://json-schema.org/draft-07/schema#\","
                        + " \"definitions\": {\"a\": {\"$ref\": " + quoted(url) + "}}}"))
                .contains(" at /definitions/a/$ref, ");
    }

    @Test
    void aMetaSchemaOtherThanTheBuiltInDraftsIsNeverFetched() {
        String url = "http://127.0.0.1:" + listener.port() + "/meta.json";

        assertThat(refusal("{\"$schema\": " + quoted(url) + "}"))
                .isEqualTo("the output schema's $schema \"" + url + "\" is not a draft this validator knows"
                        + " (draft-04, -06, -07, 2019-09, 2020-12); no other meta-schema is fetched");
        assertThat(refusal(
                        "{\"$defs\": {\"a\": {\"$id\": \"http://example.com/a\", \"$schema\": " + quoted(url) + "}}}"))
                .isEqualTo("the output schema's $schema \"" + url + "\" at /$defs/a/$schema is not a draft this"
                        + " validator knows (draft-04, -06, -07, 2019-09, 2020-12); no other meta-schema is fetched");
    }

    @Test
    void valuesThatAreDataAreNotReferences() throws Exception {
        SchemaCheck check = new SchemaCheck("""
                {"type": "object",
                 "properties": {"link": {"const": {"$ref": "http://127.0.0.1:9/"}},
                                "$ref": {"type": "string"}},
                 "examples": [{"$ref": "file:///etc/passwd"}]}
                """);

        assertThat(check.violations(json("{\"link\": {\"$ref\": \"http://127.0.0.1:9/\"}, \"$ref\": \"x\"}")))
                .isEmpty();
    }

    @Test
    void referencesWithinTheSchemaStillWork() throws Exception {
        SchemaCheck check = new SchemaCheck("""
                {"$id": "http://127.0.0.1:%d/root.json",
                 "type": "object",
                 "properties": {"priority": {"$ref": "#/$defs/priority"},
                                "tags": {"type": "array", "items": {"$ref": "#tag"}},
                                "self": {"$ref": "#"}},
                 "$defs": {"priority": {"enum": ["low", "high"]},
                           "tag": {"$anchor": "tag", "type": "string", "maxLength": 5}}}
                """.formatted(listener.port()));

        assertThat(check.violations(json("{\"priority\": \"low\", \"tags\": [\"a\"], \"self\": {}}")))
                .isEmpty();
        assertThat(check.violations(json("{\"priority\": \"urgent\", \"tags\": [\"toolong\"], \"self\": 1}")))
                .containsExactly(
                        "$.priority: does not have a value in the enumeration [low, high]",
                        "$.self: integer found, object expected",
                        "$.tags[0]: must be at most 5 characters long");
    }

    @Test
    void aSubschemaWithItsOwnIdIsReferencedWithoutLoadingAnything() throws Exception {
        SchemaCheck check = new SchemaCheck("""
                {"type": "object",
                 "properties": {"code": {"$ref": "http://127.0.0.1:%1$d/code.json"},
                                "inner": {"$ref": "http://127.0.0.1:%1$d/code.json#/$defs/digits"}},
                 "$defs": {"code": {"$id": "http://127.0.0.1:%1$d/code.json", "type": "string",
                                    "$defs": {"digits": {"pattern": "^[0-9]+$"}},
                                    "not": {"$ref": "other.json"}},
                           "other": {"$id": "http://127.0.0.1:%1$d/other.json", "const": "x"}}}
                """.formatted(listener.port()));

        assertThat(check.violations(json("{\"code\": \"a\", \"inner\": \"12\"}")))
                .isEmpty();
        assertThat(check.violations(json("{\"code\": 1, \"inner\": \"ab\"}")))
                .containsExactly(
                        "$.code: integer found, string expected",
                        "$.inner: does not match the regex pattern" + " ^[0-9]+$");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SchemaCheck("""
                        {"properties": {"sibling": {"$ref": "other.json"}},
                         "$defs": {"code": {"$id": "http://127.0.0.1:%1$d/code.json"}}}
                        """.formatted(listener.port())))
                .as("a relative reference outside any $id resolves against nothing in the schema")
                .withMessageContaining("refers to \"other.json\" at /properties/sibling/$ref");
    }

    @Test
    void whatTheValidatorWouldStillTryToLoadIsRefusedByItsLoader() {
        // The check reads "b.json" against its sibling $id (as 2019-09 and later say) and finds the embedded
        // http://example.com/b.json; the validator resolves a $ref next to an $id against the enclosing
        // base and asks its loader for "b.json", which refuses it like any other load.
        String schema = """
                {"properties": {"x": {"$ref": "#/$defs/a"}},
                 "$defs": {"a": {"$id": "http://example.com/a.json", "$ref": "b.json"},
                           "b": {"$id": "http://example.com/b.json", "type": "string"}}}
                """;

        assertThat(refusal(schema))
                .isEqualTo("the output schema refers to \"b.json\", outside the schema; only"
                        + " references within it (\"#/...\", or the $id of a subschema in it) are resolved");
    }

    @Test
    void aDraft4IdIsItsBase() throws Exception {
        SchemaCheck check = new SchemaCheck("""
                {"$schema": "http://json-schema.org/draft-04/schema#",
                 "properties": {"a": {"$ref": "http://example.com/a.json"}},
                 "definitions": {"a": {"id": "http://example.com/a.json", "type": "string"}}}
                """);

        assertThat(check.violations(json("{\"a\": 1}"))).containsExactly("$.a: integer found, string expected");
    }

    private static String refusal(String schema) {
        return assertTimeoutPreemptively(QUICKLY, () -> {
            try {
                new SchemaCheck(schema);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
            throw new AssertionError("accepted: " + schema);
        });
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    private static JsonNode json(String text) throws Exception {
        return Jsons.MAPPER.readTree(text);
    }

    /**
     * Accepts connections on 127.0.0.1 (and on ::1, same port, where the machine has IPv6) and holds them
     * open without a byte of answer, as a service that never replies would.
     */
    private static final class Listener implements AutoCloseable {
        private final List<ServerSocket> sockets = new ArrayList<>();
        private final List<Socket> accepted = new ArrayList<>();
        private final AtomicInteger connections = new AtomicInteger();

        Listener() throws IOException {
            ServerSocket v4 = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            sockets.add(v4);
            try {
                sockets.add(new ServerSocket(v4.getLocalPort(), 50, InetAddress.getByName("::1")));
            } catch (IOException noIpv6) {
                // [::1] then refuses the connection instead of counting it; the other forms still count.
            }
            sockets.forEach(socket -> Thread.ofVirtual().start(() -> accept(socket)));
        }

        int port() {
            return sockets.getFirst().getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        private void accept(ServerSocket socket) {
            try {
                while (true) {
                    Socket connection = socket.accept();
                    connections.incrementAndGet();
                    synchronized (accepted) {
                        accepted.add(connection);
                    }
                }
            } catch (IOException closed) {
                // close() ends the loop
            }
        }

        @Override
        public void close() throws IOException {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
            synchronized (accepted) {
                for (Socket connection : accepted) {
                    connection.close();
                }
            }
        }
    }
}
