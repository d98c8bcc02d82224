package dev.callbridge.ultravox;

import dev.callbridge.config.UltravoxConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Adds {@code X-API-Key} to every Ultravox request. The key is read from configuration once,
 * not looked up again on each request. A missing key is sent empty, so Ultravox answers 401
 * and the problem names the setting (startup refuses a missing key in production anyway).
 */
@ApplicationScoped
public class UltravoxAuthHeaders implements ClientHeadersFactory {

    private final String apiKey;

    UltravoxAuthHeaders(UltravoxConfig config) {
        this.apiKey = config.apiKey().orElse("");
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        headers.putSingle("X-API-Key", apiKey);
        return headers;
    }
}
