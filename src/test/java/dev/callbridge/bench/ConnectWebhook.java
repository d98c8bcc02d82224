package dev.callbridge.bench;

import dev.callbridge.sandbox.TwilioSignatures;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request Twilio makes when the callee of a call created with {@code Url} answers: a POST of
 * the call's fields to that URL, signed for exactly that URL. Callbridge serves it on its own
 * port under the URL's path; the signature covers the public URL it was created with.
 *
 * @param path      what to request on Callbridge's port: the URL's path and query
 * @param form      the form body
 * @param signature {@code X-Twilio-Signature}
 */
record ConnectWebhook(String path, String form, String signature) {

    /** The content type Twilio posts its webhooks with. */
    static final String CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";

    /** The webhook of the answered call {@code call}, created with the answer URL {@code url}. */
    static ConnectWebhook of(String url, String authToken, DialledCall call) {
        Map<String, String> fields = fields(call);
        URI uri = URI.create(url);
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new ConnectWebhook(path, InboundTraffic.form(fields), TwilioSignatures.sign(authToken, url, fields));
    }

    /** The placement the webhook is for: the last segment of the answer URL's path. */
    String placementId() {
        String withoutQuery = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return withoutQuery.substring(withoutQuery.lastIndexOf('/') + 1);
    }

    /** The fields Twilio posts when the callee of an outbound API call answers. */
    static Map<String, String> fields(DialledCall call) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("AccountSid", call.accountSid());
        fields.put("ApiVersion", "2010-04-01");
        fields.put("CallSid", call.callSid());
        fields.put("CallStatus", "in-progress");
        fields.put("Called", call.to());
        fields.put("Caller", call.from());
        fields.put("Direction", "outbound-api");
        fields.put("From", call.from());
        fields.put("To", call.to());
        return fields;
    }

    /** A call the Twilio stub accepted: its account, the SID it answered with, and its numbers. */
    record DialledCall(String accountSid, String callSid, String from, String to) {
    }
}
