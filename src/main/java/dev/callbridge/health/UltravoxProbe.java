package dev.callbridge.health;

import dev.callbridge.vendor.Vendor;
import dev.callbridge.config.UltravoxConfig;
import dev.callbridge.ultravox.UltravoxClient;
import dev.callbridge.resilience.VendorUnavailableException;
import dev.callbridge.ultravox.UltravoxException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;

/**
 * Checks Ultravox by listing one agent: the cheapest request that needs a valid API key.
 * Goes through {@link UltravoxClient}, so the probe sees Ultravox exactly as the API does.
 */
@ApplicationScoped
public class UltravoxProbe implements VendorProbe {

    private final UltravoxClient ultravox;
    private final UltravoxConfig config;

    UltravoxProbe(UltravoxClient ultravox, UltravoxConfig config) {
        this.ultravox = ultravox;
        this.config = config;
    }

    @Override
    public Vendor vendor() {
        return Vendor.ULTRAVOX;
    }

    @Override
    public Uni<ProbeOutcome> probe() {
        List<String> missing = missingSettings(config);
        if (!missing.isEmpty()) {
            return Uni.createFrom().item(ProbeOutcome.missing(missing));
        }
        return ultravox.listAgents(null, 1)
                .replaceWith(ProbeOutcome.ok())
                .onFailure().recoverWithItem(UltravoxProbe::describe);
    }

    /** The environment variables that must be set before Ultravox can be checked. */
    static List<String> missingSettings(UltravoxConfig config) {
        return config.apiKey().filter(key -> !key.isBlank()).isPresent() ? List.of() : List.of("ULTRAVOX_API_KEY");
    }

    private static ProbeOutcome describe(Throwable failure) {
        if (failure instanceof UltravoxException e) {
            return ProbeOutcome.failed(e.upstreamStatus(), e.reason().name().toLowerCase(Locale.ROOT), e.detail());
        }
        if (failure instanceof VendorUnavailableException e) {
            // The probe goes through the same breaker as the API: report that it is open.
            return ProbeOutcome.failed(null, "circuit_open", e.detail());
        }
        return ProbeOutcome.failed(null, "unexpected", failure.getClass().getSimpleName());
    }
}
