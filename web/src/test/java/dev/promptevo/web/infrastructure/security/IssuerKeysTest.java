package dev.promptevo.web.infrastructure.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.web.domain.security.TokenGrant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssuerKeysTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path dataDir;

    private Optional<String> location() {
        return Optional.of("file:" + dataDir.resolve("security").resolve(SigningKeys.PUBLIC_KEY));
    }

    @Test
    void theFirstStartMakesTheKeyPairOwnerOnlyAndLaterStartsReadIt() throws Exception {
        var first = IssuerKeys.open(EmbeddedIssuer.ISSUER, location(), dataDir);
        assertThat(first.state().mode()).isEqualTo(IssuerKeys.Mode.CREATED);
        Path folder = first.state().folder();
        assertThat(folder).isEqualTo(dataDir.resolve("security").toAbsolutePath());
        assertThat(permissions(folder)).isEqualTo("rwx------");
        assertThat(permissions(folder.resolve(SigningKeys.PRIVATE_KEY))).isEqualTo("rw-------");
        assertThat(Files.readString(folder.resolve(SigningKeys.PUBLIC_KEY))).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(Files.list(folder)).as("no temporary file left").hasSize(2);

        var second = IssuerKeys.open(EmbeddedIssuer.ISSUER, location(), dataDir);
        assertThat(second.state().mode()).isEqualTo(IssuerKeys.Mode.LOADED);
        String token = second.signer().sign("j", TokenGrant.of("a", "viewer", null, 1), NOW);
        var publicKey = SigningKeys.read(folder).orElseThrow().getPublic();
        assertThat(MpJwtRules.verify(token, publicKey, EmbeddedIssuer.ISSUER, NOW)
                        .getSubject())
                .as("what the second start signs verifies with the key made by the first")
                .isEqualTo("a");
    }

    @Test
    void anExternalIssuerMakesNoKeyAndSignsNothing() {
        var opened = IssuerKeys.open("https://idp.example.org", Optional.of("https://idp.example.org/jwks"), dataDir);
        assertThat(opened.state().mode()).isEqualTo(IssuerKeys.Mode.EXTERNAL);
        assertThat(opened.signer().canSign()).isFalse();
        assertThat(dataDir.resolve("security")).doesNotExist();
    }

    @Test
    void theAdminTokenFileIsOwnerOnly() throws IOException {
        var opened = IssuerKeys.open(EmbeddedIssuer.ISSUER, location(), dataDir);
        Path file = IssuerKeys.writeAdminToken(opened.state().folder(), "header.claims.signature");
        assertThat(Files.readString(file)).isEqualTo("header.claims.signature\n");
        assertThat(permissions(file)).isEqualTo("rw-------");
    }

    @Test
    void aDamagedKeyStopsTheStartWithWhatToDo() throws IOException {
        var opened = IssuerKeys.open(EmbeddedIssuer.ISSUER, location(), dataDir);
        Files.writeString(opened.state().folder().resolve(SigningKeys.PRIVATE_KEY), "not a key");
        assertThatThrownBy(() -> IssuerKeys.open(EmbeddedIssuer.ISSUER, location(), dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("delete the folder");
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
