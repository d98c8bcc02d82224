package dev.callbridge.integration;

import dev.callbridge.sandbox.SandboxCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A caller in the sandbox: has the simulated Twilio ring a number, which sends Callbridge the
 * signed voice webhook as Twilio would, and reads back what the caller heard. Sandbox mode
 * only; nothing here reaches a real vendor.
 */
final class SandboxPhone {

    private static final String ACCOUNT = "/sandbox/twilio/2010-04-01/Accounts/" + SandboxCredentials.TWILIO_ACCOUNT_SID;
    private static final String AUTHORIZATION = "Basic " + Base64.getEncoder().encodeToString(
            (SandboxCredentials.TWILIO_ACCOUNT_SID + ":" + SandboxCredentials.TWILIO_AUTH_TOKEN)
                    .getBytes(StandardCharsets.UTF_8));
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    private SandboxPhone(URI base) {
        this.base = base;
    }

    /** The sandbox of the application launched on {@code quarkus.http.test-port}. */
    static SandboxPhone local() {
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081);
        return new SandboxPhone(URI.create("http://localhost:" + port));
    }

    /** {@code from} dials {@code to}: answered 201 with the new call's {@code sid} while the webhook goes out. */
    Reply ring(String from, String to) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("From", from);
        form.put("To", to);
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(base.resolve(ACCOUNT + "/IncomingCalls.json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), "POST IncomingCalls.json");
    }

    /** What the caller of an inbound call heard ({@code heard}), and how the webhook was answered ({@code webhook}). */
    Reply heard(String callSid) {
        return send(HttpRequest.newBuilder(base.resolve(ACCOUNT + "/IncomingCalls/" + callSid + ".json")).GET(),
                "GET IncomingCalls/" + callSid + ".json");
    }

    private Reply send(HttpRequest.Builder request, String what) {
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(TIMEOUT).header("Authorization", AUTHORIZATION)
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(what + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + what, e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (IntegrationTarget.debug()) {
            System.out.printf("[it] sandbox %s -> %d (%d ms)%n", what, response.statusCode(), took.toMillis());
        }
        return new Reply(response.statusCode(), response.headers(), response.body(), took);
    }
}
