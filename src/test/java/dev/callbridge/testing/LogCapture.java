package dev.callbridge.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Captures every log line the application writes while it is installed, formatted with
 * its parameters, the MDC and any exception text, so tests can assert what reaches logs.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogCapture() {
        setLevel(Level.ALL);
    }

    /** Starts capturing on the root logger. */
    public static LogCapture install() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder line = new StringBuilder(record.getLevel() + " " + record.getLoggerName() + " ");
        if (record instanceof ExtLogRecord ext) {
            line.append(ext.getFormattedMessage()).append(" mdc=").append(ext.getMdcCopy());
        } else {
            line.append(record.getMessage());
        }
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            line.append(" | ").append(t.getClass().getName()).append(": ").append(t.getMessage());
        }
        lines.add(line.toString());
    }

    /** Everything captured so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** All captured lines joined, for substring assertions. */
    public String text() {
        return String.join("\n", lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
