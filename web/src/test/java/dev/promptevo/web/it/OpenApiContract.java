package dev.promptevo.web.it;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;

/**
 * What the OpenAPI document must agree with. It must be a valid OpenAPI document (checked with
 * swagger-parser, which reports every missing required field, wrong type and unresolvable reference),
 * and its operations must be exactly the WAR's JAX-RS resource methods: each one documented, nothing
 * documented that the server does not answer.
 */
final class OpenApiContract {
    private static final String CLASSES = "WEB-INF/classes/";

    private OpenApiContract() {}

    /** One operation: an HTTP method and a full path with its templates as {@code {name}}. */
    record Endpoint(String method, String path) implements Comparable<Endpoint> {
        @Override
        public int compareTo(Endpoint other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** What swagger-parser says is wrong with the document (none when it is a valid OpenAPI document). */
    static List<String> problems(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        List<String> problems = new ArrayList<>(result.getMessages() == null ? List.of() : result.getMessages());
        if (result.getOpenAPI() == null) {
            problems.add("not an OpenAPI document");
        }
        return problems;
    }

    /** The operations a document describes. */
    static Set<Endpoint> documented(String document) {
        OpenAPI openApi = new OpenAPIV3Parser()
                .readContents(document, null, new ParseOptions())
                .getOpenAPI();
        Set<Endpoint> operations = new TreeSet<>();
        if (openApi == null || openApi.getPaths() == null) {
            return operations;
        }
        openApi.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .keySet()
                        .forEach(method -> operations.add(new Endpoint(method.name(), normalized(path)))));
        return operations;
    }

    /** The JAX-RS resource methods in a WAR: its classes are loaded from the test class path. */
    static Set<Endpoint> served(Path war) {
        List<Class<?>> classes = new ArrayList<>();
        try (JarFile jar = new JarFile(war.toFile())) {
            jar.stream()
                    .map(entry -> entry.getName())
                    .filter(name -> name.startsWith(CLASSES) && name.endsWith(".class"))
                    .map(name -> name.substring(CLASSES.length(), name.length() - ".class".length())
                            .replace('/', '.'))
                    .filter(name -> !name.endsWith("package-info") && !name.endsWith("module-info"))
                    .forEach(name -> classes.add(load(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return served(classes);
    }

    /** The resource methods of the {@code @Path} classes among {@code classes}, under the application's path. */
    static Set<Endpoint> served(Collection<Class<?>> classes) {
        List<String> roots = classes.stream()
                .filter(c -> c.isAnnotationPresent(ApplicationPath.class))
                .map(c -> c.getAnnotation(ApplicationPath.class).value())
                .toList();
        if (roots.size() != 1) {
            throw new IllegalArgumentException("expected one @ApplicationPath, found " + roots);
        }
        Set<Endpoint> endpoints = new TreeSet<>();
        for (Class<?> resource : classes) {
            jakarta.ws.rs.Path base = resource.getAnnotation(jakarta.ws.rs.Path.class);
            if (base == null) {
                continue;
            }
            for (Method method : resource.getMethods()) {
                String httpMethod = httpMethod(method);
                jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                if (httpMethod == null && sub != null) {
                    throw new IllegalArgumentException("sub-resource locator " + method + " is not checked here");
                }
                if (httpMethod != null) {
                    String path = "/" + roots.get(0) + "/" + base.value() + (sub == null ? "" : "/" + sub.value());
                    endpoints.add(new Endpoint(httpMethod, normalized(path)));
                }
            }
        }
        return endpoints;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value().toUpperCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** One slash between segments, none at the end, and {@code {id: [0-9]+}} written {@code {id}}. */
    static String normalized(String path) {
        String plain =
                path.replaceAll("\\{\\s*([^}:\\s]+)\\s*(:[^}]*)?}", "{$1}").replaceAll("/+", "/");
        return plain.length() > 1 && plain.endsWith("/") ? plain.substring(0, plain.length() - 1) : plain;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, OpenApiContract.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the WAR's class " + name + " is not on the test class path", e);
        }
    }
}
