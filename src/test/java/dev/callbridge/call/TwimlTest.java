package dev.callbridge.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class TwimlTest {

    static final String JOIN_URL = "wss://voice.ultravox.ai/calls/8b9f2c1e/twilio";

    @Test
    void connectsTheCallToTheJoinUrl() {
        assertThat(Twiml.connectStream(JOIN_URL, false)).isEqualTo(
                "<Response><Connect><Stream url=\"wss://voice.ultravox.ai/calls/8b9f2c1e/twilio\"/></Connect></Response>");
    }

    @Test
    void theFallbackKeepsOnlyCharactersXmlAllows() {
        String message = "Bye\u0007 \uFFFE\uD800 \uD83D\uDE00 & <soon>";

        assertThat(Twiml.sayThen(message, null, null))
                .isEqualTo("<Response><Say>Bye  \uD83D\uDE00 &amp; &lt;soon&gt;</Say><Hangup/></Response>");
        assertThat(Twiml.sayThen("Hold on", "en-\"GB", "+14155550100"))
                .isEqualTo("<Response><Say language=\"en-&quot;GB\">Hold on</Say><Dial>+14155550100</Dial></Response>");
    }

    @Test
    void escapesEveryCharacterThatWouldBreakTheAttribute() throws Exception {
        String url = "wss://voice.example/calls/1?a=1&b=\"2\"&c=<3>&d='4'";

        String twiml = Twiml.connectStream(url, false);

        assertThat(twiml).contains("url=\"wss://voice.example/calls/1?a=1&amp;b=&quot;2&quot;&amp;c=&lt;3&gt;&amp;d=&apos;4&apos;\"");
        // An XML parser reads back exactly the original URL.
        assertThat(streamUrl(twiml)).isEqualTo(url);
    }

    @Test
    void refusesInsecureAndOtherSchemesByDefault() {
        for (String url : new String[] {"ws://voice.example/calls/1", "https://voice.example/calls/1",
                "http://voice.example/x", "javascript:alert(1)", "voice.example/calls/1"}) {
            assertThatThrownBy(() -> Twiml.connectStream(url, false))
                    .as(url).isInstanceOf(Twiml.UnusableJoinUrl.class).hasMessageContaining("wss://");
        }
    }

    @Test
    void acceptsWsOnlyWhenAllowed() {
        assertThat(Twiml.connectStream("ws://127.0.0.1:8080/sandbox/calls/1", true))
                .contains("url=\"ws://127.0.0.1:8080/sandbox/calls/1\"");
        assertThatThrownBy(() -> Twiml.connectStream("https://voice.example/calls/1", true))
                .isInstanceOf(Twiml.UnusableJoinUrl.class);
    }

    @Test
    void schemeIsCaseInsensitive() {
        assertThat(Twiml.connectStream("WSS://voice.example/c", false)).contains("WSS://voice.example/c");
    }

    @Test
    void refusesMissingHostWhitespaceAndEmptyUrls() {
        for (String url : new String[] {null, "", "  ", "wss://", "wss:///path", "wss://host/a b",
                "wss://host/a\nb"}) {
            assertThatThrownBy(() -> Twiml.connectStream(url, false)).as(String.valueOf(url))
                    .isInstanceOf(Twiml.UnusableJoinUrl.class);
        }
    }

    @Test
    void staysWithinTwiliosSizeLimit() {
        String overhead = Twiml.connectStream("wss://h", false).replace("wss://h", "");
        String fits = "wss://h/" + "a".repeat(Twiml.MAX_CHARS - overhead.length() - 8);
        assertThat(Twiml.connectStream(fits, false)).hasSize(Twiml.MAX_CHARS);

        assertThatThrownBy(() -> Twiml.connectStream(fits + "a", false))
                .isInstanceOf(Twiml.UnusableJoinUrl.class).hasMessageContaining("4000");
        // Escaping counts: five characters become five entities.
        String escapedTooLong = fits.substring(0, fits.length() - 4) + "&";
        assertThatThrownBy(() -> Twiml.connectStream(escapedTooLong, false)).isInstanceOf(Twiml.UnusableJoinUrl.class);
    }

    @Test
    void errorMessagesNeverQuoteTheUrl() {
        String secret = "https://voice.example/calls/1?token=s3cret";
        assertThatThrownBy(() -> Twiml.connectStream(secret, false)).message().doesNotContain("s3cret");
        String huge = "wss://voice.example/?token=s3cret" + "x".repeat(5000);
        assertThatThrownBy(() -> Twiml.connectStream(huge, false)).message().doesNotContain("s3cret");
    }

    private static String streamUrl(String twiml) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(twiml.getBytes(StandardCharsets.UTF_8)));
        Element stream = (Element) doc.getElementsByTagName("Stream").item(0);
        return stream.getAttribute("url");
    }
}
