package dev.promptevo.engine.validation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One pass over text that starts with <code>{</code>: it copies the object as compact JSON up to its
 * matching closing brace, repairing single quotes, raw control characters, trailing commas and a
 * cut-off end on the way, and notes each kind of repair it made.
 *
 * <p>It is a state machine over an explicit stack, so nesting depth cannot overflow the Java stack.
 * Anything else it does not understand is copied through unchanged, leaving the strict parser to
 * report it.
 */
final class LenientJsonScanner {

    /**
     * @param json the repaired text, which still has to pass a strict parse
     * @param rest what followed the object's closing brace (empty when the object was cut off)
     */
    record Result(String json, String rest, Set<Repair> repairs) {}

    private static final Pattern LITERAL =
            Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null");
    private static final Pattern CUT_NUMBER =
            Pattern.compile("-|-?(?:0|[1-9][0-9]*)(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]*)?");

    private enum State {
        OPEN,
        AFTER_COMMA,
        AFTER_KEY,
        AFTER_COLON,
        AFTER_VALUE,
        /** A literal value was cut by the end of the text. */
        CUT_VALUE
    }

    private static final class Frame {
        final boolean object;
        State state = State.OPEN;
        /** Output length where the member being read begins, its separating comma included. */
        int memberStart;
        /** Output length just before the last comma written. */
        int commaAt;

        Frame(boolean object) {
            this.object = object;
        }

        char closer() {
            return object ? '}' : ']';
        }
    }

    private final String in;
    private int pos;
    private final StringBuilder out = new StringBuilder();
    private final Deque<Frame> stack = new ArrayDeque<>();
    private final Set<Repair> repairs = EnumSet.noneOf(Repair.class);

    private LenientJsonScanner(String in, int start) {
        this.in = in;
        this.pos = start;
    }

    /** Scans the object that opens at {@code start} (which must hold <code>{</code>). */
    static Result scan(String text, int start) {
        LenientJsonScanner scanner = new LenientJsonScanner(text, start);
        scanner.run();
        return new Result(scanner.out.toString(), text.substring(scanner.pos), Set.copyOf(scanner.repairs));
    }

    private void run() {
        open(true);
        while (!stack.isEmpty()) {
            skipWhitespace();
            if (pos >= in.length()) {
                closeTruncated();
                return;
            }
            if (!step(stack.peek(), in.charAt(pos))) {
                out.append(in, pos, in.length());
                pos = in.length();
                return;
            }
        }
    }

    /** Consumes one token in the given frame; false when the text is not JSON this scanner can mend. */
    private boolean step(Frame frame, char c) {
        return switch (frame.state) {
            case OPEN, AFTER_COMMA -> {
                if (c == '}' || c == ']') {
                    if (c != frame.closer()) {
                        yield false;
                    }
                    if (frame.state == State.AFTER_COMMA) {
                        out.setLength(frame.commaAt);
                        repairs.add(Repair.TRAILING_COMMAS);
                    }
                    close();
                    yield true;
                }
                frame.memberStart = frame.state == State.AFTER_COMMA ? frame.commaAt : out.length();
                if (frame.object) {
                    frame.state = State.AFTER_KEY;
                    yield readString(c);
                }
                yield readValue(frame, c);
            }
            case AFTER_KEY -> {
                if (c != ':') {
                    yield false;
                }
                out.append(':');
                pos++;
                frame.state = State.AFTER_COLON;
                yield true;
            }
            case AFTER_COLON -> readValue(frame, c);
            case AFTER_VALUE -> {
                if (c == ',') {
                    frame.commaAt = out.length();
                    out.append(',');
                    pos++;
                    frame.state = State.AFTER_COMMA;
                    yield true;
                }
                if (c == frame.closer()) {
                    close();
                    yield true;
                }
                yield false;
            }
            case CUT_VALUE -> false;
        };
    }

    private boolean readValue(Frame frame, char c) {
        frame.state = State.AFTER_VALUE;
        return switch (c) {
            case '{' -> open(true);
            case '[' -> open(false);
            case '"', '\'' -> readString(c);
            default -> readLiteral(frame);
        };
    }

    private boolean open(boolean object) {
        Frame frame = new Frame(object);
        stack.push(frame);
        out.append(object ? '{' : '[');
        pos++;
        return true;
    }

    private void close() {
        out.append(stack.pop().closer());
        pos++;
    }

    /** The end of the text came first: close the open string (done), drop what is dangling, close. */
    private void closeTruncated() {
        repairs.add(Repair.TRUNCATION);
        while (!stack.isEmpty()) {
            Frame frame = stack.pop();
            switch (frame.state) {
                case AFTER_COMMA -> out.setLength(frame.commaAt);
                case AFTER_KEY, AFTER_COLON, CUT_VALUE -> out.setLength(frame.memberStart);
                case OPEN, AFTER_VALUE -> {}
            }
            out.append(frame.closer());
        }
    }

    private boolean readLiteral(Frame frame) {
        int start = pos;
        while (pos < in.length() && isLiteralChar(in.charAt(pos))) {
            pos++;
        }
        String token = in.substring(start, pos);
        if (LITERAL.matcher(token).matches()) {
            out.append(token);
            return true;
        }
        if (pos == in.length() && isCutLiteral(token)) {
            frame.state = State.CUT_VALUE;
            return true;
        }
        pos = start;
        return false;
    }

    private static boolean isCutLiteral(String token) {
        return !token.isEmpty()
                && ("true".startsWith(token)
                        || "false".startsWith(token)
                        || "null".startsWith(token)
                        || CUT_NUMBER.matcher(token).matches());
    }

    private static boolean isLiteralChar(char c) {
        return Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.';
    }

    private boolean readString(char quote) {
        if (quote == '"') {
            readDoubleQuoted();
            return true;
        }
        if (quote == '\'') {
            readSingleQuoted();
            return true;
        }
        return false;
    }

    /** Copies a double-quoted string; a string cut by the end of the text is closed. */
    private void readDoubleQuoted() {
        out.append('"');
        pos++;
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c == '"') {
                out.append('"');
                pos++;
                return;
            }
            if (c == '\\') {
                copyEscape(in.length());
            } else {
                appendChar(c);
                pos++;
            }
        }
        out.append('"');
    }

    /**
     * Rewrites a single-quoted string with double quotes. Its closing quote is the first unescaped
     * <code>'</code> followed by <code>: , } ]</code> or the end of the text, so an apostrophe inside
     * ({@code 'it's late'}) stays part of the text.
     */
    private void readSingleQuoted() {
        repairs.add(Repair.SINGLE_QUOTES);
        int end = closingSingleQuote(pos + 1);
        int limit = end < 0 ? in.length() : end;
        out.append('"');
        pos++;
        while (pos < limit) {
            char c = in.charAt(pos);
            if (c == '\\' && pos + 1 < limit && in.charAt(pos + 1) == '\'') {
                out.append('\'');
                pos += 2;
            } else if (c == '\\') {
                copyEscape(limit);
            } else if (c == '"') {
                out.append("\\\"");
                pos++;
            } else {
                appendChar(c);
                pos++;
            }
        }
        out.append('"');
        pos = end < 0 ? in.length() : end + 1;
    }

    private int closingSingleQuote(int from) {
        for (int i = from; i < in.length(); i++) {
            char c = in.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '\'') {
                int next = i + 1;
                while (next < in.length() && isWhitespace(in.charAt(next))) {
                    next++;
                }
                if (next == in.length() || ":,}]".indexOf(in.charAt(next)) >= 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * Copies the escape sequence at {@code pos}. One cut by the end of the text is dropped, so the
     * closed string stays valid; an invalid one is copied for the strict parser to reject.
     */
    private void copyEscape(int limit) {
        int length = pos + 1 < limit && in.charAt(pos + 1) == 'u' ? 6 : 2;
        if (pos + length <= limit) {
            out.append(in, pos, pos + length);
            pos += length;
        } else if (limit == in.length()) {
            pos = limit;
        } else {
            out.append(in, pos, limit);
            pos = limit;
        }
    }

    private void appendChar(char c) {
        if (c >= 0x20) {
            out.append(c);
            return;
        }
        repairs.add(Repair.CONTROL_CHARACTERS);
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            default -> out.append(String.format("\\u%04x", (int) c));
        }
    }

    private void skipWhitespace() {
        while (pos < in.length() && isWhitespace(in.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
