package dev.callbridge.subscription;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Callbridge as deployed: {@code CALLBRIDGE_WEBHOOK_ALLOW_PRIVATE_TARGETS} left false. */
public class PrivateTargetsRefusedProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("callbridge.webhooks.allow-private-targets", "false");
    }
}
