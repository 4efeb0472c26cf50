package dev.promptevo.engine.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.api.task.Document;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownDocumentsTest {

    @TempDir
    Path dir;

    @Test
    void eachSecondLevelSectionIsAPassageNumberedFromOne() throws IOException {
        Files.writeString(dir.resolve("refunds.md"), """
                # Refund policy
                Intro text that belongs to no section.

                ## Eligibility
                Orders can be refunded within 30 days.
                ### Exceptions
                Gift cards are final.

                ## How to ask ##
                Write to support.
                ```markdown
                ## not a heading inside a code block
                ```
                """);

        List<Document> documents = MarkdownDocuments.load(dir);

        assertThat(documents)
                .containsExactly(
                        new Document(
                                "refunds#1",
                                "Eligibility",
                                "Orders can be refunded within 30 days.\n### Exceptions\nGift cards are final."),
                        new Document(
                                "refunds#2",
                                "How to ask",
                                "Write to support.\n```markdown\n## not a heading inside a code block\n```"));
    }

    @Test
    void aFileWithoutSectionsIsOnePassageTitledByItsHeadingOrStem() throws IOException {
        Files.writeString(dir.resolve("shipping.md"), "Preface line\n# Shipping\r\nWe ship in 2 days.\n");
        Files.writeString(dir.resolve("contact.md"), "Call us.\n");

        assertThat(MarkdownDocuments.load(dir))
                .containsExactly(
                        new Document("contact#1", "contact", "Call us."),
                        new Document("shipping#1", "Shipping", "Preface line\nWe ship in 2 days."));
    }

    @Test
    void filesAreReadInNameOrderAndOnlyMarkdownCounts() throws IOException {
        Files.writeString(dir.resolve("b.md"), "## B one\nx\n## B two\ny\n");
        Files.writeString(dir.resolve("a.md"), "## A one\nz\n");
        Files.writeString(dir.resolve("notes.txt"), "## ignored\n");
        Files.createDirectory(dir.resolve("sub.md"));

        assertThat(MarkdownDocuments.load(dir))
                .extracting(Document::id, Document::title)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a#1", "A one"),
                        org.assertj.core.groups.Tuple.tuple("b#1", "B one"),
                        org.assertj.core.groups.Tuple.tuple("b#2", "B two"));
    }

    @Test
    void anEmptyFolderHasNoPassagesAndAMissingOneFails() {
        assertThat(MarkdownDocuments.load(dir)).isEmpty();
        assertThatThrownBy(() -> MarkdownDocuments.load(dir.resolve("missing")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("missing");
    }
}
