package dev.promptevo.web.interfaces.rest;

import java.util.Collection;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Corrects what Payara's OpenAPI scanner gets wrong in the document (registered as
 * {@code mp.openapi.filter}; {@code OpenApiIT} validates the result):
 *
 * <ul>
 *   <li>A Jackson {@code JsonNode} (a genome, metrics, a task definition, a model's output: any JSON
 *       value) is {@code Iterable}, so the scanner writes it as an array without a description of its
 *       items, which is not valid OpenAPI, and ignores a {@code @Schema(type = ...)} on it. A schema
 *       without a type says what the API really does: any JSON value.
 *   <li>A {@code @Schema} annotation on a property or a response fills in every attribute it does not
 *       set with a zero or {@code false}; {@code maxProperties: 0} would then say the object must be
 *       empty. Those zeros and falses are the defaults anyway, so they are dropped.
 * </ul>
 */
public class OpenApiCleanup implements OASFilter {
    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
            openApi.getComponents().getSchemas().values().forEach(OpenApiCleanup::clean);
        }
        if (openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
            return;
        }
        openApi.getPaths()
                .getPathItems()
                .values()
                .forEach(item -> item.getOperations().values().forEach(operation -> {
                    if (operation.getParameters() != null) {
                        operation.getParameters().forEach(p -> clean(p.getSchema()));
                    }
                    if (operation.getRequestBody() != null) {
                        clean(operation.getRequestBody().getContent());
                    }
                    if (operation.getResponses() != null
                            && operation.getResponses().getAPIResponses() != null) {
                        operation.getResponses().getAPIResponses().values().forEach(r -> clean(r.getContent()));
                    }
                }));
    }

    private static void clean(Content content) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().forEach(media -> clean(media.getSchema()));
        }
    }

    private static void clean(Schema schema) {
        if (schema == null) {
            return;
        }
        if (schema.getType() == Schema.SchemaType.ARRAY && undescribed(schema.getItems())) {
            schema.setType(null);
            schema.setItems(null);
        }
        if (isZero(schema.getMaxProperties()) && isZero(schema.getMinProperties())) {
            schema.setMaxProperties(null);
            schema.setMinProperties(null);
        }
        if (isZero(schema.getMinLength())) {
            schema.setMinLength(null);
        }
        if (Boolean.FALSE.equals(schema.getExclusiveMaximum())) {
            schema.setExclusiveMaximum(null);
        }
        if (Boolean.FALSE.equals(schema.getExclusiveMinimum())) {
            schema.setExclusiveMinimum(null);
        }
        if (Boolean.FALSE.equals(schema.getUniqueItems())) {
            schema.setUniqueItems(null);
        }
        if (Boolean.FALSE.equals(schema.getNullable())) {
            schema.setNullable(null);
        }
        if (Boolean.FALSE.equals(schema.getReadOnly())) {
            schema.setReadOnly(null);
        }
        if (Boolean.FALSE.equals(schema.getWriteOnly())) {
            schema.setWriteOnly(null);
        }
        if (Boolean.FALSE.equals(schema.getDeprecated())) {
            schema.setDeprecated(null);
        }
        clean(schema.getItems());
        clean(schema.getNot());
        clean(schema.getAdditionalPropertiesSchema());
        cleanAll(schema.getProperties());
        cleanAll(schema.getAllOf());
        cleanAll(schema.getAnyOf());
        cleanAll(schema.getOneOf());
    }

    /** Items the scanner could not describe: none, or an array of undescribed items (a JsonNode's). */
    private static boolean undescribed(Schema items) {
        return items == null
                || (items.getRef() == null && items.getType() == Schema.SchemaType.ARRAY && items.getItems() == null);
    }

    private static void cleanAll(Map<String, Schema> schemas) {
        if (schemas != null) {
            schemas.values().forEach(OpenApiCleanup::clean);
        }
    }

    private static void cleanAll(Collection<Schema> schemas) {
        if (schemas != null) {
            schemas.forEach(OpenApiCleanup::clean);
        }
    }

    private static boolean isZero(Integer value) {
        return value != null && value == 0;
    }
}
