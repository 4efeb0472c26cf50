package dev.promptevo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team's own mutation operator, compiled and packed into a jar here, dropped into a plugins folder
 * and used by a run without any rebuild of PromptEvo.
 */
class PluginDropInTest {
    @TempDir
    Path tmp;

    private static final String SOURCE = """
            package acme;

            import dev.promptevo.api.genome.Allele;
            import dev.promptevo.api.genome.Genome;
            import dev.promptevo.api.genome.SearchSpace;
            import dev.promptevo.api.search.MutationOperator;
            import dev.promptevo.api.search.VariationContext;

            public final class ColdStart implements MutationOperator {
                @Override public String id() { return "acme.cold-start"; }
                @Override public boolean appliesTo(SearchSpace space) { return space.find("temperature").isPresent(); }
                @Override public Genome mutate(Genome parent, VariationContext context) {
                    return parent.with("temperature", Allele.of(0.0));
                }
            }
            """;

    private Path buildPluginJar(String source, String serviceLine) throws IOException {
        Path src = tmp.resolve("src/acme/ColdStart.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(
                null,
                null,
                null,
                "--release",
                "21",
                "-cp",
                System.getProperty("java.class.path"),
                "-d",
                classes.toString(),
                src.toString());
        assertThat(status).as("the plugin compiles").isZero();
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Path jar = plugins.resolve("acme-operators.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("acme/ColdStart.class"));
            Files.copy(classes.resolve("acme/ColdStart.class"), out);
            out.closeEntry();
            out.putNextEntry(new JarEntry("META-INF/services/dev.promptevo.api.search.MutationOperator"));
            OutputStream services = out;
            services.write((serviceLine + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return plugins;
    }

    @Test
    void aMutationOperatorDroppedIntoThePluginsFolderIsUsedByARun() throws IOException {
        Path plugins = buildPluginJar(SOURCE, "acme.ColdStart");
        Path result = tmp.resolve("result.json");
        var outcome = OptimizeCommandTest.run(
                "optimize",
                "../examples/ticket-triage",
                "--plugins",
                plugins.toString(),
                "--generations",
                "4",
                "--population",
                "12",
                "--no-progress",
                "--out",
                result.toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.toFile());
        List<String> operators = json.path("candidates").findValuesAsText("operator");
        assertThat(operators).anySatisfy(op -> assertThat(op).contains("acme.cold-start"));
    }

    @Test
    void aPluginClaimingABuiltInIdStopsTheRunWithAnActionableMessage() throws IOException {
        Path plugins = buildPluginJar(SOURCE.replace("acme.cold-start", "mutate.cot.toggle"), "acme.ColdStart");
        var outcome = OptimizeCommandTest.run(
                "optimize", "../examples/ticket-triage", "--plugins", plugins.toString(), "--no-progress");
        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.err()).contains("mutate.cot.toggle", "acme.ColdStart", "acme-operators.jar");
    }
}
