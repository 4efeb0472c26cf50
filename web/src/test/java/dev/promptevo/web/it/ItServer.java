package dev.promptevo.web.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** What the integration tests know of the server they run against: its data directory and admin token. */
final class ItServer {
    private ItServer() {}

    /**
     * The WAR every test class deploys. One server runs them all ({@link SharedPayaraMicro}), started
     * for whichever class comes first, so the plugin jar {@link PluginDropInIT} looks for is dropped
     * into the server's plugins folder before any start.
     */
    static WebArchive war() {
        PluginDropInIT.dropPluginJar(Path.of(System.getProperty("promptevo.it.work"), "plugins"));
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("promptevo.it.war")));
    }

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
