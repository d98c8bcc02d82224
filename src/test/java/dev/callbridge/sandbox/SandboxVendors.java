package dev.callbridge.sandbox;

import static io.restassured.RestAssured.given;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Shorthands for talking to the simulated vendors directly in tests run under
 * {@link SandboxProfile}: RestAssured requests with the sandbox credentials, and a real Twilio
 * SDK client whose requests go to the sandbox instead of api.twilio.com.
 */
public final class SandboxVendors {

    public static final String ULTRAVOX = "/sandbox/ultravox/api";
    public static final String TWILIO_ACCOUNT = "/sandbox/twilio/2010-04-01/Accounts/" + SandboxCredentials.TWILIO_ACCOUNT_SID;
    public static final String TWILIO_CALLS = TWILIO_ACCOUNT + "/Calls.json";

    private SandboxVendors() {
    }

    /** A JSON request to the simulated Ultravox with the sandbox API key. */
    public static RequestSpecification ultravox() {
        return given().header("X-API-Key", SandboxCredentials.ULTRAVOX_API_KEY)
                .contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A form request to the simulated Twilio with the sandbox Basic credentials. */
    public static RequestSpecification twilio() {
        return given().auth().preemptive()
                .basic(SandboxCredentials.TWILIO_ACCOUNT_SID, SandboxCredentials.TWILIO_AUTH_TOKEN)
                .contentType(ContentType.URLENC.withCharset("UTF-8"));
    }

    /** {@code /Calls/{sid}.json} of the simulated Twilio. */
    public static String twilioCall(String sid) {
        return TWILIO_ACCOUNT + "/Calls/" + sid + ".json";
    }

    /** TwiML that connects the call to a media stream, as Callbridge sends it. */
    public static String connectStream(String joinUrl) {
        return "<Response><Connect><Stream url=\"" + joinUrl.replace("&", "&amp;").replace("\"", "&quot;")
                + "\"/></Connect></Response>";
    }

    /** Base URL of this test instance ({@code http://localhost:<test port>}). */
    public static String baseUrl() {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return "http://localhost:" + port;
    }

    /** A real Twilio SDK client with the sandbox credentials, talking to the sandbox. */
    public static TwilioRestClient twilioSdk() {
        return new TwilioRestClient.Builder(SandboxCredentials.TWILIO_ACCOUNT_SID, SandboxCredentials.TWILIO_AUTH_TOKEN)
                .httpClient(new Redirected(baseUrl() + "/sandbox/twilio"))
                .build();
    }

    /**
     * Sends each SDK request to {@code base} + the request's path and query, after the SDK built
     * its URL: a page URL the SDK follows carries its query in the URL itself.
     */
    static final class Redirected extends NetworkHttpClient {
        private final String base;

        Redirected(String base) {
            this.base = base;
        }

        @Override
        public Response makeRequest(Request original) {
            URI url = URI.create(original.constructURL().toString());
            String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
            Request copy = new Request(original.getMethod(), base + url.getRawPath() + query);
            original.getPostParams().forEach((k, values) -> values.forEach(v -> copy.addPostParam(k, v)));
            original.getHeaderParams().forEach((k, values) -> values.forEach(v -> copy.addHeaderParam(k, v)));
            copy.setAuth(original.getUsername(), original.getPassword());
            copy.setContentType(original.getContentType());
            return super.makeRequest(copy);
        }
    }
}
