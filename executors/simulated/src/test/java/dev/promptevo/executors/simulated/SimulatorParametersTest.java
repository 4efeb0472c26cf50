package dev.promptevo.executors.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.executors.simulated.SimulatorParameters.Principle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorParametersTest {
    private static final SimulatorParameters DEFAULTS = SimulatorParameters.defaults();

    @Test
    void theDefaultsDescribeTheTicketTriageTask() {
        assertThat(DEFAULTS.modelNames()).containsExactly("sim-small", "sim-medium", "sim-large");
        assertThat(DEFAULTS.principles())
                .extracting(Principle::id)
                .containsExactly("json-only", "category-definitions", "order-id", "priority-rules", "no-card-numbers");
        assertThat(DEFAULTS.fields()).containsOnlyKeys("category", "priority", "order_id");
        assertThat(DEFAULTS.latency().heavyTailProbability()).isEqualTo(0.02);
    }

    @Test
    void everyPrincipleIsFoundInItsOwnSentencesAndOnlyThere() {
        for (Principle principle : DEFAULTS.principles()) {
            for (String sentence : principle.sentences()) {
                assertThat(RubricAnalysis.of(sentence, DEFAULTS).stated()).containsExactly(principle.id());
            }
        }
        RubricAnalysis all = RubricAnalysis.of(Tickets.goodRubric(DEFAULTS), DEFAULTS);
        assertThat(all.quality()).isEqualTo(1.0);
        assertThat(all.strength()).isEqualTo(1.0);
        assertThat(all.tokens()).isLessThan(DEFAULTS.rubric().lengthLimitTokens());
        assertThat(RubricAnalysis.of("Be helpful.", DEFAULTS).quality()).isZero();
    }

    @Test
    void keyPhrasesAreCaseInsensitive() {
        assertThat(RubricAnalysis.of("REPLY WITH THE JSON OBJECT ONLY.", DEFAULTS)
                        .stated())
                .containsExactly("json-only");
    }

    @Test
    void aTaskFileIsMergedOverTheDefaults(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("simulator.json");
        Files.writeString(file, """
                {"skill": {"steepness": 6.5},
                 "models": [{"name": "tiny", "capability": 0.3, "firstTokenMs": 10, "msPerOutputToken": 1,
                             "msPerPromptToken": 0, "inputPerMillion": 0.01, "outputPerMillion": 0.02}]}
                """);
        SimulatorParameters loaded = SimulatorParameters.load(file);
        assertThat(loaded.skill().steepness()).isEqualTo(6.5);
        assertThat(loaded.skill().cotBonus()).isEqualTo(DEFAULTS.skill().cotBonus());
        assertThat(loaded.modelNames()).containsExactly("tiny");
        assertThat(loaded.principles()).isEqualTo(DEFAULTS.principles());
    }

    @Test
    void aMisspeltKeyFailsAtLoadTime() {
        assertThatThrownBy(() -> SimulatorParameters.parse("{\"skill\": {\"steepnes\": 6}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("steepnes");
    }

    @Test
    void aMissingNumberFailsAndSaysWhere() {
        assertThatThrownBy(() -> SimulatorParameters.parse(
                        "{\"models\": [{\"name\": \"m\", \"capability\": 0.5, \"firstTokenMs\": 1}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("models[0]");
    }

    @Test
    void invalidValuesAreExplained() {
        assertThatThrownBy(() -> SimulatorParameters.parse("{\"latency\": {\"heavyTailProbability\": 1.5}}"))
                .hasMessageContaining("latency.heavyTailProbability must be in [0, 1]");
        assertThatThrownBy(() -> SimulatorParameters.parse("{\"safety\": {\"cardNumberPattern\": \"(\"}}"))
                .hasMessageContaining("safety.cardNumberPattern is not a valid regular expression");
        assertThatThrownBy(() -> SimulatorParameters.parse("{\"malformed\": {\"kinds\": {\"emoji\": 1}}}"))
                .hasMessageContaining("unknown malformation kind 'emoji'");
        assertThatThrownBy(() -> SimulatorParameters.parse("[1, 2]")).hasMessageContaining("JSON object");
    }

    @Test
    void aPrincipleSentenceThatStatesAnotherPrincipleIsRejected() {
        String principles = """
                {"principles": [
                  {"id": "a", "weight": 1, "phrases": ["alpha"], "sentences": ["Say alpha and beta."]},
                  {"id": "b", "weight": 1, "phrases": ["beta"], "sentences": ["Say beta."]}]}""";
        assertThatThrownBy(() -> SimulatorParameters.parse(principles)).hasMessageContaining("also states principle b");
    }

    @Test
    void aFileThatDoesNotExistIsNamed(@TempDir Path directory) {
        assertThatThrownBy(() -> SimulatorParameters.load(directory.resolve("missing.json")))
                .hasMessageContaining("missing.json");
    }

    @Test
    void rubricWithComposesCanonicalSentencesInOrder() {
        String rubric = DEFAULTS.rubricWith(List.of("priority-rules", "json-only"));
        assertThat(rubric.split("\n"))
                .containsExactly(
                        DEFAULTS.principle("json-only").orElseThrow().canonicalSentence(),
                        DEFAULTS.principle("priority-rules").orElseThrow().canonicalSentence());
        assertThatThrownBy(() -> DEFAULTS.rubricWith(List.of("be-nice"))).hasMessageContaining("be-nice");
    }
}
