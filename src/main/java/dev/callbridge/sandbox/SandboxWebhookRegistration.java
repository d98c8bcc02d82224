package dev.callbridge.sandbox;

import dev.callbridge.config.ServiceConfig;
import dev.callbridge.config.UltravoxConfig;
import dev.callbridge.webhook.UltravoxEventsResource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;

/**
 * Gives the simulated Ultravox account the webhook a real account would be configured with: at
 * startup it registers {@code <public base URL>/webhooks/ultravox} for every event, signed with
 * the first of {@code ULTRAVOX_WEBHOOK_SECRETS}. With the sandbox's default public URL (this
 * instance's own address) its calls' events come back to Callbridge, so the ledger learns when a
 * conversation joined and ended without any account. Like any webhook it is listed under
 * {@code /sandbox/ultravox/api/webhooks} and can be deleted there. Without a secret nothing is
 * registered: Callbridge would refuse every delivery, and says so at startup.
 */
@ApplicationScoped
class SandboxWebhookRegistration {

    private final SandboxConfig sandbox;
    private final ServiceConfig service;
    private final UltravoxConfig ultravox;
    private final SandboxWebhooks webhooks;

    SandboxWebhookRegistration(SandboxConfig sandbox, ServiceConfig service, UltravoxConfig ultravox,
            SandboxWebhooks webhooks) {
        this.sandbox = sandbox;
        this.service = service;
        this.ultravox = ultravox;
        this.webhooks = webhooks;
    }

    void onStart(@Observes StartupEvent event) {
        if (!sandbox.enabled()) {
            return;
        }
        Optional<String> url = url();
        Optional<String> secret = ultravox.webhookSecrets().orElse(List.of()).stream().map(String::trim)
                .filter(value -> !value.isEmpty()).findFirst();
        if (url.isEmpty() || secret.isEmpty()) {
            return;
        }
        webhooks.register(null, url.get(), SandboxWebhook.EVENTS, List.of(secret.get()));
        Log.infof("Sandbox: the simulated Ultravox sends its webhooks to %s", url.get());
    }

    /** Where a real account's webhook would point: the public base URL, trailing slashes dropped. */
    private Optional<String> url() {
        return service.publicBaseUrl().map(String::trim).filter(base -> !base.isEmpty())
                .map(base -> base.replaceAll("/+$", "") + UltravoxEventsResource.PATH);
    }
}
