package dev.promptevo.engine.validation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recovers the JSON object from a model's raw output, repairing the usual ways models mangle it.
 *
 * <p>When a line starts with {@code Answer:} (the chain-of-thought format {@code Reasoning:
 * ...\nAnswer: {...}}), only what follows the last such line prefix is read; that is the expected
 * format, not a repair. The text is then parsed strictly; only when that fails are these repairs
 * tried, each counted once when it was needed:
 *
 * <ul>
 *   <li>strip markdown code fences (<code>```json ... ```</code>);
 *   <li>drop prose before the object (and before an opening fence);
 *   <li>convert single-quoted keys and strings to double quotes (an apostrophe inside a string is
 *       kept: a closing quote must be followed by <code>: , } ]</code> or the end);
 *   <li>escape raw control characters (a literal newline) inside strings;
 *   <li>remove trailing commas before <code>}</code> or <code>]</code>;
 *   <li>close a truncated object: close an open string, drop a dangling key, a cut literal or a
 *       trailing comma, then close every open array and object;
 *   <li>drop prose after the object's matching closing brace.
 * </ul>
 *
 * <p>A truncated object may still lack required fields; the schema check finds that. Only a JSON
 * object counts as parsed. {@link #parse} never throws; it is stateless and thread-safe.
 */
public final class JsonRepair {
    private static final Pattern ANSWER = Pattern.compile("^[ \\t]*Answer:", Pattern.MULTILINE);
    private static final String FENCE = "```";

    private JsonRepair() {}

    /** Parses one raw output; {@code null} reads as empty. */
    public static ParsedOutput parse(String raw) {
        String text = answerPart(raw == null ? "" : raw).strip();
        if (text.isEmpty()) {
            return failure(text, Set.of(), "the output is empty");
        }
        Strict strict = strict(text);
        if (strict.node() != null) {
            return strict.node().isObject()
                    ? success(strict.node(), Set.of())
                    : failure(text, Set.of(), "expected a JSON object, got " + Jsons.typeName(strict.node()));
        }
        return repaired(text);
    }

    private static String answerPart(String raw) {
        Matcher answer = ANSWER.matcher(raw);
        int end = -1;
        while (answer.find()) {
            end = answer.end();
        }
        return end < 0 ? raw : raw.substring(end);
    }

    private static ParsedOutput repaired(String text) {
        Set<Repair> repairs = EnumSet.noneOf(Repair.class);
        String body = text;
        int fence = text.indexOf(FENCE);
        int brace = text.indexOf('{');
        boolean fenced = fence >= 0 && (brace < 0 || fence < brace);
        if (fenced) {
            repairs.add(Repair.CODE_FENCES);
            if (!text.substring(0, fence).isBlank()) {
                repairs.add(Repair.LEADING_PROSE);
            }
            int start = fence + FENCE.length();
            while (start < text.length() && isLanguageTagChar(text.charAt(start))) {
                start++;
            }
            body = text.substring(start);
        }
        int start = objectStart(body);
        if (start < 0) {
            return failure(text, Set.of(), "no JSON object in the output");
        }
        if (!body.substring(0, start).isBlank()) {
            repairs.add(Repair.LEADING_PROSE);
        }
        LenientJsonScanner.Result scan = LenientJsonScanner.scan(body, start);
        repairs.addAll(scan.repairs());
        String rest = scan.rest().strip();
        if (fenced && rest.startsWith(FENCE)) {
            rest = rest.substring(FENCE.length()).strip();
        }
        if (!rest.isEmpty()) {
            repairs.add(Repair.TRAILING_PROSE);
        }
        Strict strict = strict(scan.json());
        return strict.node() != null ? success(strict.node(), repairs) : failure(scan.json(), repairs, strict.error());
    }

    /**
     * The first <code>{</code> that looks like the start of an object (followed by a quote, a
     * closing brace or the end), so braces in prose ({@code {{input}}}, "{braces}") are skipped; the
     * first <code>{</code> at all when none looks like one, so the strict parser can say what is wrong.
     */
    private static int objectStart(String body) {
        int first = body.indexOf('{');
        for (int i = first; i >= 0; i = body.indexOf('{', i + 1)) {
            int next = i + 1;
            while (next < body.length() && Character.isWhitespace(body.charAt(next))) {
                next++;
            }
            if (next == body.length() || "\"'}".indexOf(body.charAt(next)) >= 0) {
                return i;
            }
        }
        return first;
    }

    private static boolean isLanguageTagChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '+' || c == '.';
    }

    private record Strict(JsonNode node, String error) {}

    private static Strict strict(String text) {
        try {
            return new Strict(Jsons.MAPPER.readTree(text), null);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            return new Strict(null, e.getOriginalMessage() + where);
        }
    }

    private static ParsedOutput success(JsonNode object, Set<Repair> repairs) {
        return new ParsedOutput(
                Optional.of(object), Jsons.canonical(object), repairs.size(), descriptions(repairs), Optional.empty());
    }

    private static ParsedOutput failure(String text, Set<Repair> repairs, String error) {
        return new ParsedOutput(Optional.empty(), text, repairs.size(), descriptions(repairs), Optional.of(error));
    }

    private static List<String> descriptions(Set<Repair> repairs) {
        return repairs.stream().sorted().map(Repair::description).toList();
    }
}
