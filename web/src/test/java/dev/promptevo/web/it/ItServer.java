package dev.promptevo.web.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the integration tests know of the server they run against: its data directory and admin token. */
final class ItServer {
    private ItServer() {}

    /** The server's data directory ({@code -Dpromptevo.data-dir} in arquillian.xml). */
    static Path dataDir() {
        return Path.of(System.getProperty("promptevo.it.work"), "data");
    }

    /** The embedded issuer's files. */
    static Path securityDir() {
        return dataDir().resolve("security");
    }

    /** The admin token the server wrote on its first start, as a user reads it from the file the log names. */
    static String adminToken() {
        try {
            return Files.readString(securityDir().resolve("admin.token")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("the server wrote no admin token", e);
        }
    }
}
