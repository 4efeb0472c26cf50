package dev.promptevo.web.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.web.domain.security.IssuedToken;
import dev.promptevo.web.domain.security.TokenGrant;
import dev.promptevo.web.infrastructure.security.IssuerKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstStartTest {
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl";

    @TempDir
    Path folder;

    private final List<String> minted = new ArrayList<>();

    private final Supplier<TokenService.Minted> mint = () -> {
        minted.add(TOKEN);
        return new TokenService.Minted(
                new IssuedToken(
                        "id-1",
                        TokenGrant.of("admin", "admin", null, 365),
                        "(first start)",
                        Instant.parse("2026-11-25T10:00:00Z")),
                TOKEN);
    };

    private IssuerKeys.State state(IssuerKeys.Mode mode) {
        return new IssuerKeys.State(mode, "urn:promptevo:embedded", Optional.of("file:/x"), folder);
    }

    private Path store(String token) {
        Path file = folder.resolve(IssuerKeys.ADMIN_TOKEN);
        try {
            Files.writeString(file, token);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file;
    }

    @Test
    void theFirstStartPrintsTheAdminTokenOnceWithItsFileTheTokenLast() {
        Path file = folder.resolve(IssuerKeys.ADMIN_TOKEN);
        String message = FirstStart.report(state(IssuerKeys.Mode.CREATED), mint, this::store, file);

        assertThat(minted).hasSize(1);
        assertThat(message)
                .contains(file.toString())
                .contains("expires 2027-11-25T10:00:00Z")
                .endsWith(": " + TOKEN);
        assertThat(message).doesNotContain("\n");
    }

    @Test
    void laterStartsSayWhereTheTokenIsWithoutPrintingIt() throws IOException {
        Path file = store(TOKEN);
        String message = FirstStart.report(state(IssuerKeys.Mode.LOADED), mint, this::store, file);

        assertThat(minted).as("no new admin token").isEmpty();
        assertThat(message)
                .contains(file.toString())
                .contains("not printed again")
                .doesNotContain(TOKEN);

        Files.delete(file);
        assertThat(FirstStart.report(state(IssuerKeys.Mode.LOADED), mint, this::store, file))
                .contains("was removed")
                .contains("delete " + folder);
    }

    @Test
    void aServerOfAnExternalIssuerMintsNothing() {
        String message = FirstStart.report(
                new IssuerKeys.State(
                        IssuerKeys.Mode.EXTERNAL,
                        "https://idp.example.org",
                        Optional.of("https://idp.example.org/jwks"),
                        folder),
                mint,
                this::store,
                folder.resolve(IssuerKeys.ADMIN_TOKEN));

        assertThat(minted).isEmpty();
        assertThat(message).contains("https://idp.example.org").contains("mints none");
    }
}
