package dev.promptevo.engine.retrieval;

import dev.promptevo.api.task.Document;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a folder of Markdown files as retrievable passages, one per {@code ## } section.
 *
 * <p>Files ending in {@code .md} are read (UTF-8, not recursively) in file-name order. Each {@code ##
 * } heading starts a passage whose id is {@code <file stem>#<n>}, {@code n} counting the file's
 * {@code ## } sections from 1; its title is the heading text and its text the section body, up to
 * the next {@code ## } heading (deeper headings stay in the body). Text before the first {@code ## }
 * is dropped, unless the file has no {@code ## } at all: then it is one passage {@code <stem>#1}
 * titled by its {@code # } heading (or the stem when it has none) with the rest as text. Lines inside
 * fenced code blocks are never headings.
 */
public final class MarkdownDocuments {
    private MarkdownDocuments() {}

    /**
     * @throws UncheckedIOException when the folder or one of its files cannot be read
     */
    public static List<Document> load(Path dir) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".md"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the documents folder " + dir, e);
        }
        List<Document> documents = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String stem = name.substring(0, name.length() - ".md".length());
            try {
                documents.addAll(passages(stem, Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the document " + file, e);
            }
        }
        return List.copyOf(documents);
    }

    /** The passages of one file's Markdown text. */
    static List<Document> passages(String stem, String markdown) {
        List<String> lines = markdown.lines().toList();
        List<Document> sections = new ArrayList<>();
        String title = null;
        List<String> body = new ArrayList<>();
        boolean inFence = false;
        for (String line : lines) {
            if (isFence(line)) {
                inFence = !inFence;
            }
            if (!inFence && line.startsWith("## ")) {
                if (title != null) {
                    sections.add(passage(stem, sections.size() + 1, title, body));
                }
                title = headingText(line.substring(3));
                body = new ArrayList<>();
            } else if (title != null) {
                body.add(line);
            }
        }
        if (title != null) {
            sections.add(passage(stem, sections.size() + 1, title, body));
            return List.copyOf(sections);
        }
        return List.of(whole(stem, lines));
    }

    private static Document whole(String stem, List<String> lines) {
        String title = stem;
        List<String> body = new ArrayList<>(lines);
        boolean inFence = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (isFence(line)) {
                inFence = !inFence;
            }
            if (!inFence && line.startsWith("# ")) {
                title = headingText(line.substring(2));
                body.remove(i);
                break;
            }
        }
        return passage(stem, 1, title, body);
    }

    private static Document passage(String stem, int number, String title, List<String> body) {
        return new Document(stem + "#" + number, title, String.join("\n", body).strip());
    }

    /** The heading's text without an optional closing run of {@code #}s. */
    private static String headingText(String rest) {
        return rest.strip().replaceFirst("\\s+#+$", "").strip();
    }

    private static boolean isFence(String line) {
        String trimmed = line.stripLeading();
        return trimmed.startsWith("```") || trimmed.startsWith("~~~");
    }
}
