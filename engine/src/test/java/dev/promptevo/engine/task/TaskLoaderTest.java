package dev.promptevo.engine.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.api.task.ScoringWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskLoaderTest {
    @TempDir
    Path dir;

    private void writeValidTask() throws IOException {
        Files.writeString(dir.resolve("task.json"), """
                {"id":"t","promptTemplate":"Q: {{input}} {{context}}","outputSchema":"schema.json",
                 "dataset":"data.jsonl","baseGenome":"base.json","models":["m1","m2"]}
                """);
        Files.writeString(dir.resolve("schema.json"), "{\"type\":\"object\"}");
        Files.writeString(dir.resolve("data.jsonl"), "{\"id\":\"a\",\"input\":\"x\",\"expected\":{\"k\":1}}\n");
        Files.writeString(dir.resolve("base.json"), """
                {"rubric":"Be brief.","cot":false,"temperature":0.5,"max_tokens":256,"retriever_topk":0,
                 "use_consensus":false,"model_key":"m1"}
                """);
    }

    @Test
    void loadsAMinimalTaskWithTheSeedSearchSpace() throws IOException {
        writeValidTask();
        TaskBundle bundle = TaskLoader.load(dir);
        assertThat(bundle.task().id()).isEqualTo("t");
        assertThat(bundle.dataset().size()).isEqualTo(1);
        assertThat(bundle.space().genes())
                .extracting(g -> g.name())
                .containsExactly(
                        "rubric", "cot", "temperature", "max_tokens", "retriever_topk", "use_consensus", "model_key");
        assertThat(bundle.baseGenome().text("model_key")).isEqualTo("m1");
        assertThat(bundle.task().weights().preset()).isEqualTo("budgeted");
        assertThat(bundle.backendId()).isEqualTo("simulated");
    }

    @Test
    void loadsTheBundledExample() {
        TaskBundle bundle = TaskLoader.load(Path.of("../examples/ticket-triage"));
        assertThat(bundle.dataset().size()).isGreaterThanOrEqualTo(200);
        assertThat(bundle.task().documents()).isNotEmpty();
        assertThat(bundle.task().safetyPatterns()).isNotEmpty();
    }

    @Test
    void namesTheFileAndFieldAtFault() throws IOException {
        assertThatThrownBy(() -> TaskLoader.load(dir.resolve("missing")))
                .isInstanceOf(TaskLoadException.class)
                .hasMessageContaining("not a directory");
        assertThatThrownBy(() -> TaskLoader.load(dir)).hasMessageContaining("no task.json");

        writeValidTask();
        Files.writeString(dir.resolve("data.jsonl"), "{\"id\":\"a\",\"input\":\"x\",\"expected\":{}}\nnot json\n");
        assertThatThrownBy(() -> TaskLoader.load(dir)).hasMessageContaining("data.jsonl:2: not valid JSON");

        writeValidTask();
        Files.writeString(dir.resolve("base.json"), "{\"rubric\":\"x\",\"cot\":\"yes\",\"temperature\":5}");
        assertThatThrownBy(() -> TaskLoader.load(dir))
                .hasMessageContaining("base.json")
                .hasMessageContaining("cot has the wrong type")
                .hasMessageContaining("temperature must be in [0.0, 2.0]");

        writeValidTask();
        Files.writeString(
                dir.resolve("task.json"),
                Files.readString(dir.resolve("task.json")).replace("\"id\":\"t\",", "\"id\":\"t\",\"colour\":1,"));
        assertThatThrownBy(() -> TaskLoader.load(dir)).hasMessageContaining("unknown field 'colour'");

        writeValidTask();
        Files.writeString(
                dir.resolve("task.json"),
                Files.readString(dir.resolve("task.json")).replace("{{input}}", "{{in}}"));
        assertThatThrownBy(() -> TaskLoader.load(dir)).hasMessageContaining("must contain {{input}}");

        writeValidTask();
        Path passwd = Path.of("/etc/passwd");
        Files.writeString(dir.resolve("schema.json"), "{\"$ref\": \"" + passwd.toUri() + "\"}");
        assertThatThrownBy(() -> TaskLoader.load(dir))
                .as("a schema is never read from another file")
                .hasMessageContaining("schema.json: the output schema refers to \"" + passwd.toUri() + "\"");

        writeValidTask();
        Files.delete(dir.resolve("schema.json"));
        assertThatThrownBy(() -> TaskLoader.load(dir))
                .hasMessageContaining("'outputSchema' names")
                .hasMessageContaining("does not exist");
    }

    @Test
    void theSeedPresetKeepsTheSeedWeights() throws IOException {
        writeValidTask();
        Files.writeString(
                dir.resolve("task.json"),
                Files.readString(dir.resolve("task.json"))
                        .replace("\"id\":\"t\",", "\"id\":\"t\",\"scoring\":{\"preset\":\"seed\"},"));
        assertThat(TaskLoader.load(dir).task().weights()).isEqualTo(ScoringWeights.SEED);
    }
}
