package dev.callbridge.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named inboxes that keep what was POSTed to them, so the Quickstart can subscribe a webhook to
 * the service itself and read its events without any receiver of its own. Bounded: each inbox
 * keeps its latest {@value #MAX_MESSAGES} messages, and at most {@value #MAX_INBOXES} inboxes
 * exist (the least recently written one is forgotten first).
 */
@ApplicationScoped
public class SandboxInbox {

    static final int MAX_MESSAGES = 100;
    static final int MAX_INBOXES = 50;

    private final Map<String, Deque<InboxMessage>> inboxes = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<InboxMessage>> eldest) {
            return size() > MAX_INBOXES;
        }
    };

    /** Keeps a message in the named inbox. */
    public synchronized void add(String name, InboxMessage message) {
        Deque<InboxMessage> inbox = inboxes.computeIfAbsent(name, n -> new ArrayDeque<>());
        inbox.addLast(message);
        while (inbox.size() > MAX_MESSAGES) {
            inbox.removeFirst();
        }
    }

    /** The named inbox's messages, oldest first (empty when none arrived). */
    public synchronized List<InboxMessage> messages(String name) {
        Deque<InboxMessage> inbox = inboxes.get(name);
        return inbox == null ? List.of() : new ArrayList<>(inbox);
    }

    /** Empties the named inbox. */
    public synchronized void clear(String name) {
        inboxes.remove(name);
    }
}
