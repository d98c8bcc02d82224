package dev.callbridge.integration;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The one extra profile of the suite: the launched application's Ultravox and Twilio
 * credentials are refused (see {@link TargetConfiguration}), so the tests see the errors a
 * user with a wrong key or token sees.
 */
public class WrongCredentialsProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(TargetConfiguration.class, Map.of("credentials", "rejected")));
    }
}
