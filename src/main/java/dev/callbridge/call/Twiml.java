package dev.callbridge.call;

import java.util.Locale;

/**
 * Builds TwiML: the document that connects an answered call to an Ultravox agent (a
 * bidirectional media stream to the call's {@code joinUrl}), and the one a caller hears when no
 * agent can take the call. Pure functions: no I/O, no state.
 */
public final class Twiml {

    /** Twilio's limit on the inline {@code Twiml} parameter, in characters. */
    public static final int MAX_CHARS = 4000;

    private static final String PREFIX = "<Response><Connect><Stream url=\"";
    private static final String SUFFIX = "\"/></Connect></Response>";

    private Twiml() {
    }

    /**
     * A join URL Twilio cannot use. The message never quotes the URL, which is a credential.
     */
    public static final class UnusableJoinUrl extends IllegalArgumentException {
        UnusableJoinUrl(String message) {
            super(message, null);
        }
    }

    /**
     * {@code <Response><Connect><Stream url="joinUrl"/></Connect></Response>} with the URL
     * XML-escaped.
     *
     * @param joinUrl       the Ultravox call's {@code joinUrl}
     * @param allowInsecure accept {@code ws://} too (sandbox and tests; Twilio accepts only {@code wss://})
     * @throws UnusableJoinUrl when the URL is missing, not a {@code wss://} URL, or too long
     */
    public static String connectStream(String joinUrl, boolean allowInsecure) {
        checkUrl(joinUrl, allowInsecure);
        String twiml = PREFIX + escapeAttribute(joinUrl) + SUFFIX;
        if (twiml.length() > MAX_CHARS) {
            throw new UnusableJoinUrl("the TwiML for this join URL has " + twiml.length()
                    + " characters; Twilio accepts at most " + MAX_CHARS);
        }
        return twiml;
    }

    /**
     * {@code <Response><Say>message</Say><Dial>number</Dial></Response>}, or {@code <Hangup/>}
     * after the message when there is no number to forward to.
     *
     * @param language the {@code <Say>} language such as {@code en-US}, or null for Twilio's default
     * @param dialTo   an E.164 number, or null
     */
    public static String sayThen(String message, String language, String dialTo) {
        String say = language == null ? "<Say>" : "<Say language=\"" + escapeAttribute(language) + "\">";
        return "<Response>" + say + escapeAttribute(message) + "</Say>"
                + (dialTo == null ? "<Hangup/>" : "<Dial>" + escapeAttribute(dialTo) + "</Dial>") + "</Response>";
    }

    /**
     * Escapes the characters that would end or corrupt a double-quoted XML attribute or text, and
     * drops the control characters XML does not allow.
     */
    static String escapeAttribute(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (allowedInXml(value, i)) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Whether the character at {@code i} may appear in an XML 1.0 document (a surrogate only in its pair). */
    private static boolean allowedInXml(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
        }
        return c >= 0x20 ? c != 0xFFFE && c != 0xFFFF : c == '\t' || c == '\n' || c == '\r';
    }

    private static void checkUrl(String url, boolean allowInsecure) {
        if (url == null || url.isBlank()) {
            throw new UnusableJoinUrl("the join URL is missing");
        }
        String lower = url.toLowerCase(Locale.ROOT);
        boolean secure = lower.startsWith("wss://");
        if (!secure && !(allowInsecure && lower.startsWith("ws://"))) {
            throw new UnusableJoinUrl(allowInsecure ? "the join URL is not a ws:// or wss:// URL"
                    : "the join URL is not a wss:// URL");
        }
        String rest = url.substring(secure ? 6 : 5);
        if (rest.isEmpty() || rest.startsWith("/") || rest.startsWith("?") || rest.startsWith("#")) {
            throw new UnusableJoinUrl("the join URL has no host");
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new UnusableJoinUrl("the join URL contains whitespace or control characters");
            }
        }
    }
}
