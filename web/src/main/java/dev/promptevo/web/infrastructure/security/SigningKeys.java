package dev.promptevo.web.infrastructure.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The embedded issuer's RSA key pair, kept as PEM files in one folder: the private key owner-only
 * ({@value #PRIVATE_KEY}, PKCS#8), the public key readable ({@value #PUBLIC_KEY}, X.509), which is
 * what {@code mp.jwt.verify.publickey.location} points at.
 */
public final class SigningKeys {
    public static final String PRIVATE_KEY = "token-signing-key.pem";
    public static final String PUBLIC_KEY = "token-signing-public.pem";
    static final int RSA_BITS = 2048;

    private static final Pattern PEM_ARMOUR = Pattern.compile("-----(BEGIN|END) [A-Z ]+-----|\\s");

    private SigningKeys() {}

    /** The key pair in {@code dir}, or empty when its private key file is not there. */
    public static Optional<KeyPair> read(Path dir) {
        Path privateFile = dir.resolve(PRIVATE_KEY);
        if (!Files.exists(privateFile)) {
            return Optional.empty();
        }
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateKey privateKey =
                    (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der(SecretFiles.read(privateFile))));
            RSAPublicKey publicKey = (RSAPublicKey)
                    rsa.generatePublic(new X509EncodedKeySpec(der(SecretFiles.read(dir.resolve(PUBLIC_KEY)))));
            return Optional.of(new KeyPair(publicKey, privateKey));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "the token signing key in " + dir.toAbsolutePath() + " cannot be read (" + e.getMessage()
                            + "); delete the folder to start over with a new key (every token issued so far stops working)",
                    e);
        }
    }

    /**
     * Makes a new key pair (from the platform's {@link SecureRandom}: a signing key must not be
     * replayable from a seed) and writes it to {@code dir}, the private key last, so that a start
     * interrupted half-way is a first start again.
     */
    public static KeyPair create(Path dir) {
        SecretFiles.folder(dir);
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, new SecureRandom());
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make RSA keys", e);
        }
        SecretFiles.write(
                dir.resolve(PUBLIC_KEY), pem("PUBLIC KEY", pair.getPublic().getEncoded()), SecretFiles.READABLE);
        SecretFiles.write(
                dir.resolve(PRIVATE_KEY), pem("PRIVATE KEY", pair.getPrivate().getEncoded()), SecretFiles.OWNER_ONLY);
        return pair;
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem) {
        return Base64.getDecoder().decode(PEM_ARMOUR.matcher(pem).replaceAll(""));
    }
}
