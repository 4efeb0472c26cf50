package dev.promptevo.executors.http.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures every {@code java.util.logging} record (where {@link System.Logger} writes by default) at
 * every level, {@code dev.promptevo}'s debug records included, until closed.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger root = Logger.getLogger("");
    private final Logger promptevo = Logger.getLogger("dev.promptevo");
    private final Level previousLevel;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();

    private LogCapture() {
        previousLevel = promptevo.getLevel();
        setLevel(Level.ALL);
        promptevo.setLevel(Level.ALL);
        root.addHandler(this);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    /** Each record as it would be written: logger, level, formatted message and stack trace. */
    public List<String> lines() {
        return records.stream().map(this::line).toList();
    }

    /** The formatted messages of the records at {@code level}. */
    public List<String> messages(Level level) {
        return records.stream()
                .filter(r -> r.getLevel().equals(level))
                .map(formatter::formatMessage)
                .toList();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        root.removeHandler(this);
        promptevo.setLevel(previousLevel);
    }

    private String line(LogRecord record) {
        StringBuilder line = new StringBuilder()
                .append(record.getLoggerName())
                .append(' ')
                .append(record.getLevel())
                .append(' ')
                .append(formatter.formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        return line.toString();
    }
}
