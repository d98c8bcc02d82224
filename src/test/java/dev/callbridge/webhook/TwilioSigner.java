package dev.callbridge.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a request as Twilio does (contract section 6.2), written from the documented algorithm
 * and independent of the SDK: the URL, then every form field name and value sorted by name,
 * HMAC-SHA1 under the auth token, Base64.
 */
final class TwilioSigner {

    private TwilioSigner() {
    }

    static String sign(String authToken, String url, Map<String, String> fields) {
        StringBuilder signed = new StringBuilder(url);
        new TreeMap<>(fields).forEach((name, value) -> signed.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
