package dev.promptevo.engine.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.SpecVersion.VersionFlag;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The references of a schema document, checked to stay inside it before the validator sees it.
 *
 * <p>A task's schema comes from whoever may create tasks, and the validator would follow a {@code $ref}
 * to any URL or file it names (an SSRF and a file-existence oracle). So a reference is kept only when it
 * is a fragment ({@code #/...}, {@code #anchor}) or names the {@code $id} of a subschema embedded in the
 * same document, which the validator finds without loading anything. {@code $schema} anywhere must be
 * one of the built-in drafts. {@link SchemaCheck} also gives the validator a loader that refuses every
 * load, so this check is what makes the refusal early and its message name the place; the loader is
 * what makes it certain.
 */
final class SchemaReferences {
    static final String OUTSIDE =
            ", outside the schema; only references within it (\"#/...\", or the $id of a subschema in it) are resolved";

    /** Keywords whose value is data, not a schema: an object in them with a "$ref" is not a reference. */
    private static final Set<String> DATA = Set.of("enum", "const", "default", "examples");

    /** Keywords whose value maps names (properties, definitions) to schemas: their keys are not keywords. */
    private static final Set<String> NAMED_SCHEMAS =
            Set.of("properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies");

    private static final Set<String> REFERENCES = Set.of("$ref", "$dynamicRef", "$recursiveRef");

    private final String idKeyword;
    private final Set<String> resources = new HashSet<>();
    private final List<Reference> references = new ArrayList<>();

    private SchemaReferences(VersionFlag version) {
        // Draft-04 names a subschema's base "id"; the later drafts "$id".
        this.idKeyword = version == VersionFlag.V4 ? "id" : "$id";
    }

    /**
     * @throws IllegalArgumentException naming the first reference (in document order) that points outside
     *     the document, or the first {@code $schema} that is not a built-in draft
     */
    static void requireWithin(JsonNode root, VersionFlag version) {
        SchemaReferences found = new SchemaReferences(version);
        found.schema(root, null, "");
        for (Reference reference : found.references) {
            if (!found.isWithin(reference)) {
                String resolved = reference.target().map(URI::toString).orElse(reference.text());
                throw new IllegalArgumentException("the output schema refers to " + quoted(reference.text())
                        + (resolved.equals(reference.text()) ? "" : " (" + resolved + ")")
                        + " at " + reference.path() + OUTSIDE);
            }
        }
    }

    private void schema(JsonNode node, URI base, String path) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                schema(node.get(i), base, path + "/" + i);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        URI here = base;
        JsonNode id = node.get(idKeyword);
        // "#name" as an id is a draft-06/07 anchor, not a new base.
        if (id != null && id.isTextual() && !id.asText().startsWith("#")) {
            Optional<URI> resource = resolve(base, id.asText());
            if (resource.isPresent()) {
                here = resource.get();
                resources.add(withoutFragment(here));
            }
        }
        JsonNode metaSchema = node.get("$schema");
        if (!path.isEmpty() && metaSchema != null) {
            if (!metaSchema.isTextual()
                    || VersionFlag.fromId(metaSchema.asText()).isEmpty()) {
                throw new IllegalArgumentException(
                        SchemaCheck.unknownDraft(metaSchema.toString() + " at " + path + "/$schema"));
            }
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String keyword = field.getKey();
            JsonNode value = field.getValue();
            String at = path + "/" + escaped(keyword);
            if (DATA.contains(keyword)) {
                continue;
            }
            if (REFERENCES.contains(keyword) && value.isTextual()) {
                references.add(new Reference(value.asText(), target(here, value.asText()), at));
            } else if (NAMED_SCHEMAS.contains(keyword) && value.isObject()) {
                for (Map.Entry<String, JsonNode> named : value.properties()) {
                    schema(named.getValue(), here, at + "/" + escaped(named.getKey()));
                }
            } else {
                // Unknown keywords are walked as schemas too: a reference the validator might follow in one
                // is refused rather than missed.
                schema(value, here, at);
            }
        }
    }

    private boolean isWithin(Reference reference) {
        if (reference.text().isEmpty() || reference.text().startsWith("#")) {
            return true;
        }
        return reference
                .target()
                .map(t -> resources.contains(withoutFragment(t)))
                .orElse(false);
    }

    private static Optional<URI> target(URI base, String reference) {
        return reference.startsWith("#") ? Optional.empty() : resolve(base, reference);
    }

    private static Optional<URI> resolve(URI base, String reference) {
        try {
            URI uri = new URI(reference);
            return Optional.of((base == null ? uri : base.resolve(uri)).normalize());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String withoutFragment(URI uri) {
        String text = uri.toString();
        int hash = text.indexOf('#');
        return hash < 0 ? text : text.substring(0, hash);
    }

    /** A JSON Pointer token (RFC 6901). */
    private static String escaped(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String quoted(String text) {
        return TextNode.valueOf(text).toString();
    }

    private record Reference(String text, Optional<URI> target, String path) {}
}
