package dev.callbridge.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The simulated Ultravox's webhooks, in memory and bounded like the sandbox's other records. */
@ApplicationScoped
class SandboxWebhooks {

    /** Most webhooks kept; a registration beyond it is refused. */
    static final int MAX_WEBHOOKS = 100;

    private final Map<String, SandboxWebhook> byId = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private long lastSeq;

    /** A new webhook, or empty when {@link #MAX_WEBHOOKS} exist; a secret is generated when none is given. */
    synchronized Optional<SandboxWebhook> register(String agentId, String url, List<String> events,
            List<String> secrets) {
        if (byId.size() >= MAX_WEBHOOKS) {
            return Optional.empty();
        }
        List<String> kept = secrets.isEmpty() ? List.of(generatedSecret()) : List.copyOf(secrets);
        SandboxWebhook webhook = new SandboxWebhook(++lastSeq, UUID.randomUUID().toString(), agentId, url,
                List.copyOf(events), kept, Instant.now());
        byId.put(webhook.webhookId(), webhook);
        return Optional.of(webhook);
    }

    synchronized Optional<SandboxWebhook> get(String webhookId) {
        return Optional.ofNullable(byId.get(webhookId));
    }

    /** Every webhook, oldest first. */
    synchronized List<SandboxWebhook> all() {
        return List.copyOf(byId.values());
    }

    synchronized boolean delete(String webhookId) {
        return byId.remove(webhookId) != null;
    }

    private String generatedSecret() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
