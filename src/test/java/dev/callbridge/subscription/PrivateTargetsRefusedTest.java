package dev.callbridge.subscription;

import static dev.callbridge.testing.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.callbridge.testing.Api;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Without the private-target switch, subscriptions to internal addresses and plain http are refused. */
@QuarkusTest
@TestProfile(PrivateTargetsRefusedProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class PrivateTargetsRefusedTest {

    @AfterEach
    void cleanUp() {
        Webhooks.deleteAll(Api.KEY);
    }

    @ParameterizedTest
    @CsvSource({
            "https://127.0.0.1/hook, loopback", "https://localhost:8443/hook, loopback", "https://[::1]/hook, loopback",
            "https://169.254.169.254/latest/meta-data, link-local", "https://[fe80::1]/hook, link-local",
            "https://10.0.0.7/hook, private", "https://172.20.1.1/hook, private", "https://192.168.0.10/hook, private",
            "https://[fd00::7]/hook, unique-local", "https://100.100.100.100/hook, carrier-grade NAT",
            "https://0.0.0.0/hook, any-local", "https://239.1.2.3/hook, multicast"})
    void refusesNonPublicTargetsWith422(String url, String addressClass) {
        api().body(Map.of("url", url, "events", List.of("call.placed"))).post("/api/v1/webhooks").then()
                .statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://callbridge.dev/problems/webhook-target-refused"))
                .body("detail", containsString(addressClass))
                .body("errors[0].field", equalTo("url"))
                .body("requestId", notNullValue());
        assertThat(api().get("/api/v1/webhooks").then().extract().jsonPath().getList("results")).isEmpty();
    }

    @Test
    void refusesPlainHttp() {
        api().body(Map.of("url", "http://93.184.215.14/hook", "events", List.of("call.placed")))
                .post("/api/v1/webhooks").then().statusCode(400)
                .body("errors[0].field", equalTo("url")).body("errors[0].message", equalTo("must use https"));
    }

    @Test
    void acceptsAPublicHttpsTarget() {
        api().body(Map.of("url", "https://93.184.215.14/hook", "events", List.of("call.placed")))
                .post("/api/v1/webhooks").then().statusCode(201);
    }
}
