package dev.callbridge.health;

import dev.callbridge.vendor.Vendor;
import dev.callbridge.config.HealthConfig;
import dev.callbridge.config.TwilioConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Checks Twilio by fetching Callbridge's own account resource with Basic auth. Uses a small
 * non-blocking Vert.x client instead of the Twilio SDK: the SDK blocks a thread and retries
 * on its own, neither of which a periodic probe wants.
 */
@ApplicationScoped
public class TwilioProbe implements VendorProbe {

    private final TwilioConfig config;
    private final WebClient client;
    private final long timeoutMillis;

    TwilioProbe(TwilioConfig config, HealthConfig health, Vertx vertx) {
        this.config = config;
        this.timeoutMillis = health.timeout().toMillis();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                .setMaxPoolSize(1)
                .setFollowRedirects(false));
    }

    @Override
    public Vendor vendor() {
        return Vendor.TWILIO;
    }

    @Override
    public Uni<ProbeOutcome> probe() {
        List<String> missing = missingSettings(config);
        if (!missing.isEmpty()) {
            return Uni.createFrom().item(ProbeOutcome.missing(missing));
        }
        String sid = config.accountSid().orElseThrow();
        return client.getAbs(accountUrl(config.baseUrl(), sid))
                .basicAuthentication(sid, config.authToken().orElseThrow())
                .timeout(timeoutMillis)
                .send()
                .map(TwilioProbe::describe)
                .onFailure().recoverWithItem(TwilioProbe::unreachable);
    }

    /** The environment variables that must be set before Twilio can be checked. */
    static List<String> missingSettings(TwilioConfig config) {
        List<String> missing = new ArrayList<>();
        if (config.accountSid().filter(s -> !s.isBlank()).isEmpty()) {
            missing.add("TWILIO_ACCOUNT_SID");
        }
        if (config.authToken().filter(s -> !s.isBlank()).isEmpty()) {
            missing.add("TWILIO_AUTH_TOKEN");
        }
        return missing;
    }

    static String accountUrl(String baseUrl, String sid) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + "/2010-04-01/Accounts/" + URLEncoder.encode(sid, StandardCharsets.UTF_8) + ".json";
    }

    private static ProbeOutcome describe(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status == 200) {
            return ProbeOutcome.ok();
        }
        String code = twilioErrorCode(response);
        String detail = status == 401 || status == 403
                ? "Twilio refused the configured account SID and auth token (status " + status + ")."
                : "Twilio answered status " + status + ".";
        return ProbeOutcome.failed(status, code != null ? code : "http-" + status, detail);
    }

    /** Twilio's numeric error code from its JSON error body, if the body has one. */
    private static String twilioErrorCode(HttpResponse<Buffer> response) {
        try {
            JsonObject body = response.bodyAsJsonObject();
            Object code = body == null ? null : body.getValue("code");
            return code instanceof Number ? code.toString() : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static ProbeOutcome unreachable(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return ProbeOutcome.failed(null, "timeout", "Twilio did not answer in time.");
        }
        // The exception message may hold the host, never credentials: they travel in a header.
        return ProbeOutcome.failed(null, "unreachable", "Twilio could not be reached: "
                + failure.getClass().getSimpleName() + ".");
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
