package dev.callbridge.testing;

import java.util.ArrayList;
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
 *
 * <p>{@link #install()} listens on the root logger beside the console. {@link #silence} takes
 * named categories off the console instead, for failures a test causes on purpose; their
 * lines still reach every capture installed on the root logger, so a test can assert them.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    /** The silenced loggers, held so that their settings are not collected while silenced. */
    private final List<Logger> silenced = new ArrayList<>();
    private final List<Boolean> usedParentHandlers = new ArrayList<>();

    private LogCapture() {
        setLevel(Level.ALL);
    }

    /** Starts capturing on the root logger. */
    public static LogCapture install() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    /**
     * Keeps {@code categories} (logger names, children included) off the console until
     * {@link #close()}, capturing their lines here and passing them on to the captures
     * {@link #install() installed} on the root logger.
     */
    public static LogCapture silence(List<String> categories) {
        LogCapture capture = new LogCapture();
        for (String category : categories) {
            Logger logger = Logger.getLogger(category);
            capture.silenced.add(logger);
            capture.usedParentHandlers.add(logger.getUseParentHandlers());
            logger.addHandler(capture);
            logger.setUseParentHandlers(false);
        }
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(format(record));
        if (!silenced.isEmpty()) {
            forwardToRootCaptures(record);
        }
    }

    // The application and a @QuarkusTest see this class through different class loaders, so
    // the captures on the root logger are found by class name, not by a static registry.
    private static void forwardToRootCaptures(LogRecord record) {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            if (handler.getClass().getName().equals(LogCapture.class.getName())) {
                handler.publish(record);
            }
        }
    }

    private static String format(LogRecord record) {
        StringBuilder line = new StringBuilder(record.getLevel() + " " + record.getLoggerName() + " ");
        if (record instanceof ExtLogRecord ext) {
            line.append(ext.getFormattedMessage()).append(" mdc=").append(ext.getMdcCopy());
        } else {
            line.append(record.getMessage());
        }
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            line.append(" | ").append(t.getClass().getName()).append(": ").append(t.getMessage());
        }
        return line.toString();
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
        if (silenced.isEmpty()) {
            Logger.getLogger("").removeHandler(this);
            return;
        }
        for (int i = 0; i < silenced.size(); i++) {
            silenced.get(i).removeHandler(this);
            silenced.get(i).setUseParentHandlers(usedParentHandlers.get(i));
        }
    }
}
