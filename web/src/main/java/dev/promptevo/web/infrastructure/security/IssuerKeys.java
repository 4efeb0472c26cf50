package dev.promptevo.web.infrastructure.security;

import dev.promptevo.web.domain.security.TokenGrant;
import dev.promptevo.web.domain.security.TokenSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides, once, whether this server is its own token issuer and holds its key. It is when {@code
 * mp.jwt.verify.issuer} is the embedded issuer ({@value EmbeddedIssuer#ISSUER}, the default): then
 * the key pair lives in {@code <promptevo.data-dir>/security}, made on first start, and {@code
 * mp.jwt.verify.publickey.location} points MP-JWT at its public half. With any other issuer the
 * server only verifies tokens (signed by that issuer's key) and mints none.
 */
@ApplicationScoped
public class IssuerKeys implements TokenSigner {
    public static final String ADMIN_TOKEN = "admin.token";

    private static final Logger LOG = Logger.getLogger(IssuerKeys.class.getName());

    /** How this server came by its key at start. */
    public enum Mode {
        /** Another issuer's tokens are verified; no key here. */
        EXTERNAL,
        /** First start: the key pair was made just now. */
        CREATED,
        /** The key pair made on an earlier start was read. */
        LOADED
    }

    public record State(Mode mode, String issuer, Optional<String> publicKeyLocation, Path folder) {}

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = EmbeddedIssuer.ISSUER)
    private String issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    private Optional<String> publicKeyLocation;

    @Inject
    @ConfigProperty(name = "promptevo.data-dir", defaultValue = "./promptevo-data")
    private String dataDir;

    private State state;
    private TokenSigner signer;

    /** Reads or makes the key pair on the first call; later calls answer the same. */
    public synchronized State state() {
        if (state == null) {
            Opened opened = open(issuer, publicKeyLocation, Path.of(dataDir));
            signer = opened.signer();
            state = opened.state();
        }
        return state;
    }

    /** What {@link #open} found or made: the state, and the signer to use. */
    record Opened(State state, TokenSigner signer) {}

    /**
     * Decides the mode for {@code issuer} and, for the embedded issuer, reads the key pair in {@code
     * dataDir} or makes it there.
     */
    static Opened open(String issuer, Optional<String> publicKeyLocation, Path dataDir) {
        Path folder = EmbeddedIssuer.folder(dataDir).toAbsolutePath().normalize();
        if (!EmbeddedIssuer.ISSUER.equals(issuer)) {
            return new Opened(new State(Mode.EXTERNAL, issuer, publicKeyLocation, folder), EmbeddedIssuer.none(issuer));
        }
        warnUnlessVerifiedWith(publicKeyLocation, folder.resolve(SigningKeys.PUBLIC_KEY));
        var existing = SigningKeys.read(folder);
        KeyPair keys = existing.orElseGet(() -> SigningKeys.create(folder));
        return new Opened(
                new State(existing.isPresent() ? Mode.LOADED : Mode.CREATED, issuer, publicKeyLocation, folder),
                new EmbeddedIssuer(issuer, keys));
    }

    /** Where the first admin token is kept (owner-only). */
    public Path adminTokenFile() {
        return state().folder().resolve(ADMIN_TOKEN);
    }

    /** Stores the first admin token, owner-only. */
    public Path writeAdminToken(String token) {
        return writeAdminToken(state().folder(), token);
    }

    static Path writeAdminToken(Path folder, String token) {
        Path file = folder.resolve(ADMIN_TOKEN);
        SecretFiles.write(file, token + "\n", SecretFiles.OWNER_ONLY);
        return file;
    }

    @Override
    public boolean canSign() {
        state();
        return signer.canSign();
    }

    @Override
    public String sign(String id, TokenGrant grant, Instant now) {
        state();
        return signer.sign(id, grant, now);
    }

    /** Tokens signed here only work if MP-JWT checks them with this key: say so when it will not. */
    private static void warnUnlessVerifiedWith(Optional<String> publicKeyLocation, Path publicKey) {
        String expected = "file:" + publicKey;
        boolean same = publicKeyLocation
                .filter(location -> location.startsWith("file:"))
                .map(location -> Path.of(location.substring("file:".length()))
                        .toAbsolutePath()
                        .normalize())
                .map(publicKey::equals)
                .orElse(false);
        if (!same) {
            LOG.warning(() -> "mp.jwt.verify.issuer is the embedded issuer " + EmbeddedIssuer.ISSUER
                    + " but mp.jwt.verify.publickey.location is " + publicKeyLocation.orElse("not set")
                    + ", not " + expected + ": the tokens this server signs will be refused");
        }
    }
}
