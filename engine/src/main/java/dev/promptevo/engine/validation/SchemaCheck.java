package dev.promptevo.engine.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.ClasspathSchemaLoader;
import com.networknt.schema.resource.InputStreamSource;
import com.networknt.schema.resource.SchemaLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task's output JSON Schema, compiled once and shared by every evaluation.
 *
 * <p>Draft 2020-12 unless the schema's {@code $schema} names another draft (04, 06, 07, 2019-09).
 * The schema is itself checked against its draft's meta-schema, so a typo such as {@code "type":
 * "strng"} fails at load time rather than passing every output. Messages name the JSON path of the
 * offending value: {@code $.priority: does not have a value in the enumeration [low, medium, high]}.
 *
 * <p>Nothing is ever loaded: a {@code $ref} must point inside the schema ({@code #/...}, or the {@code
 * $id} of a subschema embedded in it), and {@code $schema} must name a built-in draft, whose meta-schema
 * ships in the validator's jar. A reference to a URL or a file is refused with the same message whether
 * its target exists or not, and without a connection ({@link SchemaReferences}).
 *
 * <p>Immutable and thread-safe.
 */
public final class SchemaCheck {
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_PATH)
            .locale(Locale.ENGLISH)
            .build();

    private static final Pattern ENUMERATION = Pattern.compile("enumeration (\\[.*])$");

    /**
     * Compiles task schemas. Its one loader refuses every IRI, and it throws rather than returning null so
     * that the library's own loaders (class path, then {@code URL.openConnection} for any scheme, with no
     * timeout) behind it are never asked.
     */
    private static final JsonSchemaFactory DOCUMENTS = factory(iri -> {
        throw new OutsideReference(iri.toString());
    });

    /**
     * Loads the built-in drafts' meta-schemas from the validator's jar (the library maps their {@code
     * json-schema.org} IRIs to {@code classpath:}), and nothing else; it caches them.
     */
    private static final JsonSchemaFactory META_SCHEMAS = factory(new SchemaLoader() {
        private final SchemaLoader jar = new ClasspathSchemaLoader(JsonSchemaFactory.class::getClassLoader);

        @Override
        public InputStreamSource getSchema(AbsoluteIri iri) {
            if (iri.toString().startsWith("classpath:draft")) {
                return jar.getSchema(iri);
            }
            throw new OutsideReference(iri.toString());
        }
    });

    private final JsonSchema schema;

    /**
     * @throws IllegalArgumentException when the text is not JSON, names an unknown draft, or is not
     *     a valid schema of its draft
     */
    public SchemaCheck(String schemaJson) {
        Objects.requireNonNull(schemaJson, "schemaJson");
        JsonNode root = read(schemaJson);
        VersionFlag version = version(root);
        SchemaReferences.requireWithin(root, version);
        List<String> problems = messages(META_SCHEMAS
                .getSchema(SchemaLocation.of(version.getId()), CONFIG)
                .validate(root));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "the output schema is not a valid " + version.getId() + " schema: " + String.join("; ", problems));
        }
        try {
            schema = DOCUMENTS.getSchema(root, CONFIG);
            schema.initializeValidators();
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof OutsideReference outside) {
                    throw new IllegalArgumentException(outside.getMessage(), e);
                }
            }
            if (e instanceof JsonSchemaException) {
                throw new IllegalArgumentException("the output schema cannot be compiled: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** Every way {@code instance} breaks the schema, sorted; empty when it conforms. */
    public List<String> violations(JsonNode instance) {
        Objects.requireNonNull(instance, "instance");
        return messages(schema.validate(instance));
    }

    private static List<String> messages(Set<ValidationMessage> messages) {
        return messages.stream().map(SchemaCheck::message).sorted().toList();
    }

    /** The library's message, with an enumeration's strings listed bare: {@code [low, high]}. */
    private static String message(ValidationMessage message) {
        String text = message.getMessage();
        Matcher enumeration = ENUMERATION.matcher(text);
        if (!"enum".equals(message.getType()) || !enumeration.find()) {
            return text;
        }
        try {
            List<String> values = new ArrayList<>();
            Jsons.MAPPER
                    .readTree(enumeration.group(1))
                    .forEach(v -> values.add(v.isTextual() ? v.asText() : v.toString()));
            return text.substring(0, enumeration.start(1)) + "[" + String.join(", ", values) + "]";
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    private static JsonNode read(String schemaJson) {
        JsonNode root;
        try {
            root = Jsons.MAPPER.readTree(schemaJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the output schema is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!(root.isObject() || root.isBoolean())) {
            throw new IllegalArgumentException(
                    "the output schema must be a JSON object or boolean, got " + Jsons.typeName(root));
        }
        return root;
    }

    private static VersionFlag version(JsonNode root) {
        JsonNode declared = root.path("$schema");
        if (declared.isMissingNode()) {
            return VersionFlag.V202012;
        }
        Optional<VersionFlag> version =
                declared.isTextual() ? SpecVersionDetector.detectOptionalVersion(declared.asText()) : Optional.empty();
        return version.orElseThrow(() -> new IllegalArgumentException(unknownDraft(declared.toString())));
    }

    static String unknownDraft(String declared) {
        return "the output schema's $schema " + declared
                + " is not a draft this validator knows (draft-04, -06, -07, 2019-09, 2020-12); no other meta-schema"
                + " is fetched";
    }

    /** Both factories know every built-in draft, so no {@code $schema} naming one of them loads anything. */
    private static JsonSchemaFactory factory(SchemaLoader onlyLoader) {
        return JsonSchemaFactory.builder()
                .defaultMetaSchemaIri(SchemaId.V202012)
                .metaSchemas(Arrays.stream(VersionFlag.values())
                        .map(v -> JsonSchemaFactory.checkVersion(v).getInstance())
                        .toList())
                .schemaLoaders(loaders -> loaders.add(onlyLoader))
                .build();
    }

    /** What the refusing loader throws, for the constructor to find under the library's wrapping. */
    private static final class OutsideReference extends RuntimeException {
        OutsideReference(String iri) {
            super(
                    "the output schema refers to " + TextNode.valueOf(iri) + SchemaReferences.OUTSIDE,
                    null,
                    false,
                    false);
        }
    }
}
