package dev.promptevo.web.infrastructure.security;

import dev.promptevo.web.domain.deployment.DecisionRejectedException;
import dev.promptevo.web.domain.deployment.DecisionToken;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues and checks decision ids: a {@link DecisionToken}'s payload and its HMAC-SHA256 (truncated to
 * 128 bits), as one base64url string. Stateless decision ids keep routing free of database writes (a
 * row per decision would make the database the bottleneck of the hottest endpoint), while a reward
 * still proves its decision was issued by this server: the signature cannot be forged without the key,
 * and the nonce in it is the key that makes rewards idempotent.
 *
 * <p>The key is 256 random bits in {@code <promptevo.data-dir>/security/decision-signing.key}, made on
 * first start and readable by the server's user only; it is never logged. Servers of a cluster share it
 * through the shared data directory (or by copying the file). Replacing the file invalidates every
 * decision issued before.
 *
 * <p>Nonces are a random 64-bit prefix drawn once per start and a 64-bit counter: unique without a
 * shared random source on the hot path.
 */
@ApplicationScoped
public class DecisionSigner {
    static final String KEY_FILE = "decision-signing.key";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    @Inject
    @ConfigProperty(name = "promptevo.data-dir", defaultValue = "./promptevo-data")
    private String dataDir;

    private SecretKeySpec key;
    private ThreadLocal<Mac> macs;
    private long noncePrefix;
    private final AtomicLong nonceCounter = new AtomicLong();

    public DecisionSigner() {}

    /** A signer with the given key, for tests. */
    public DecisionSigner(byte[] keyBytes, long noncePrefix) {
        init(keyBytes, noncePrefix);
    }

    @PostConstruct
    void open() {
        Path folder = EmbeddedIssuer.folder(Path.of(dataDir)).toAbsolutePath().normalize();
        SecretFiles.folder(folder);
        Path file = folder.resolve(KEY_FILE);
        SecureRandom random = new SecureRandom();
        if (!Files.exists(file)) {
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            SecretFiles.write(file, Base64.getEncoder().encodeToString(fresh), SecretFiles.OWNER_ONLY);
        }
        init(Base64.getDecoder().decode(SecretFiles.read(file).strip()), random.nextLong());
    }

    private void init(byte[] keyBytes, long prefix) {
        if (keyBytes.length < 32) {
            throw new IllegalStateException("the decision signing key must have at least 256 bits");
        }
        this.key = new SecretKeySpec(keyBytes, ALGORITHM);
        this.noncePrefix = prefix;
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available", e);
            }
        });
    }

    /** A new decision of {@code deploymentId} routed to the arm at {@code armPosition}, and its signed id. */
    public Issued issue(String deploymentId, int armPosition, Instant now) {
        byte[] nonce = ByteBuffer.allocate(DecisionToken.NONCE_BYTES)
                .putLong(noncePrefix)
                .putLong(nonceCounter.incrementAndGet())
                .array();
        DecisionToken token = new DecisionToken(deploymentId, armPosition, now, nonce);
        return new Issued(token, sign(token));
    }

    /** A decision and the id a client gets for it. */
    public record Issued(DecisionToken token, String id) {}

    public String sign(DecisionToken token) {
        byte[] payload = token.payload();
        byte[] signed = Arrays.copyOf(payload, payload.length + MAC_BYTES);
        System.arraycopy(mac(payload), 0, signed, payload.length, MAC_BYTES);
        return ENCODER.encodeToString(signed);
    }

    /**
     * The decision an id stands for.
     *
     * @throws DecisionRejectedException ({@code UNKNOWN}) when the id is malformed or its signature
     *     does not match
     */
    public DecisionToken verify(String decisionId) {
        byte[] signed;
        try {
            signed = DECODER.decode(decisionId == null ? "" : decisionId);
        } catch (IllegalArgumentException e) {
            throw unknown();
        }
        if (signed.length != DecisionToken.PAYLOAD_BYTES + MAC_BYTES) {
            throw unknown();
        }
        byte[] payload = Arrays.copyOf(signed, DecisionToken.PAYLOAD_BYTES);
        byte[] expected = Arrays.copyOf(mac(payload), MAC_BYTES);
        byte[] given = Arrays.copyOfRange(signed, DecisionToken.PAYLOAD_BYTES, signed.length);
        if (!MessageDigest.isEqual(expected, given)) {
            throw unknown();
        }
        try {
            return DecisionToken.ofPayload(payload);
        } catch (IllegalArgumentException e) {
            throw unknown();
        }
    }

    private byte[] mac(byte[] payload) {
        return macs.get().doFinal(payload);
    }

    private static DecisionRejectedException unknown() {
        return new DecisionRejectedException(
                DecisionRejectedException.Reason.UNKNOWN, "not a decision id this server issued");
    }
}
