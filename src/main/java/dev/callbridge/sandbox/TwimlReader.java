package dev.callbridge.sandbox;

import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads TwiML, in two ways: the inline {@code Twiml} of a created call must connect a media
 * stream ({@link #streamUrl}); the answer to a voice webhook, and the TwiML of a redirect, is
 * read verb by verb for what the caller hears ({@link #instructions}, {@link #redirect}). The parser refuses DOCTYPEs and external entities: the
 * TwiML comes from the network.
 */
final class TwimlReader {

    /** Twilio's limit for the {@code Twiml} parameter, in characters. */
    static final int MAX_CHARS = 4000;
    /** Twilio's limit for a TwiML document fetched from a webhook, in bytes. */
    static final int MAX_DOCUMENT_BYTES = 64 * 1024;

    /** The stream URL of a create's {@code Twiml}, or the reason it is refused. */
    record Stream(String streamUrl, String error) {
        static Stream refused(String why) {
            return new Stream(null, why);
        }
    }

    /**
     * What a webhook's TwiML plays, or why it cannot be played (then all else is null).
     *
     * @param streamUrl the {@code <Connect><Stream url>}, after which nothing else is read
     * @param say       the text of its {@code <Say>} verbs before that, space-separated
     * @param dial      the number of its first {@code <Dial>}
     */
    record Instructions(String streamUrl, String say, String dial, String error) {
        static Instructions refused(String why) {
            return new Instructions(null, null, null, why);
        }
    }

    private TwimlReader() {
    }

    static Stream streamUrl(String twiml) {
        if (twiml.length() > MAX_CHARS) {
            return Stream.refused("Twiml must be at most " + MAX_CHARS + " characters, got " + twiml.length() + ".");
        }
        Element root = document(twiml);
        if (root == null) {
            return Stream.refused(NOT_WELL_FORMED);
        }
        if (!root.getTagName().equals("Response")) {
            return Stream.refused(NOT_RESPONSE);
        }
        Element stream = child(child(root, "Connect"), "Stream");
        if (stream == null || stream.getAttribute("url").isBlank()) {
            return Stream.refused("Twiml must contain <Connect><Stream url=\"wss://...\"/></Connect>.");
        }
        String url = stream.getAttribute("url").trim();
        return url.startsWith("wss://") ? new Stream(url, null) : Stream.refused(NOT_WSS);
    }

    /**
     * Follows the verbs as Twilio would: {@code <Say>} is heard, the first {@code <Dial>} rings
     * its number (its text or its {@code <Number>}), {@code <Connect><Stream>} holds the call
     * until the stream ends, {@code <Hangup>} and {@code <Reject>} end it; other verbs play
     * nothing here. TwiML that plays nothing at all is refused, as an application error.
     */
    static Instructions instructions(String twiml) {
        return follow(twiml, false);
    }

    /**
     * The {@code Twiml} of a redirect ({@code POST Calls/{sid}.json}), read like a webhook's
     * answer; at most {@value #MAX_CHARS} characters, and TwiML that plays nothing (a lone
     * {@code <Hangup/>}) is fine here: it ends the call.
     */
    static Instructions redirect(String twiml) {
        if (twiml.length() > MAX_CHARS) {
            return Instructions.refused("Twiml must be at most " + MAX_CHARS + " characters, got "
                    + twiml.length() + ".");
        }
        return follow(twiml, true);
    }

    private static Instructions follow(String twiml, boolean silenceAllowed) {
        Element root = document(twiml);
        if (root == null) {
            return Instructions.refused(NOT_WELL_FORMED);
        }
        if (!root.getTagName().equals("Response")) {
            return Instructions.refused(NOT_RESPONSE);
        }
        StringBuilder say = new StringBuilder();
        String dial = null;
        String streamUrl = null;
        for (Element verb = firstElement(root.getFirstChild()); verb != null;
                verb = firstElement(verb.getNextSibling())) {
            String tag = verb.getTagName();
            if (tag.equals("Say")) {
                String text = verb.getTextContent().strip();
                say.append(say.isEmpty() || text.isEmpty() ? "" : " ").append(text);
            } else if (tag.equals("Dial") && dial == null) {
                Element number = child(verb, "Number");
                dial = blankToNull((number == null ? verb : number).getTextContent().strip());
            } else if (tag.equals("Connect")) {
                Element stream = child(verb, "Stream");
                String url = stream == null ? "" : stream.getAttribute("url").trim();
                if (!url.startsWith("wss://")) {
                    return Instructions.refused(url.isEmpty() ? "<Connect> holds no <Stream url>." : NOT_WSS);
                }
                streamUrl = url;
                break;
            } else if (tag.equals("Hangup") || tag.equals("Reject")) {
                break;
            }
        }
        String said = blankToNull(say.toString());
        if (streamUrl == null && said == null && dial == null && !silenceAllowed) {
            return Instructions.refused("The TwiML plays nothing: no <Say>, <Dial> or <Connect><Stream>.");
        }
        return new Instructions(streamUrl, said, dial, null);
    }

    /** Fails on errors without the default handler's print to stderr: bad TwiML is answered, not logged. */
    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private static final String NOT_WELL_FORMED = "Twiml is not well-formed XML (DOCTYPEs are refused).";
    private static final String NOT_RESPONSE = "Twiml must have <Response> as its root element.";
    private static final String NOT_WSS = "The <Stream> url must use the wss:// scheme (Twilio error 31922).";

    /** The root element, or null when the text is not well-formed XML or declares a DOCTYPE. */
    private static Element document(String twiml) {
        try {
            DocumentBuilder builder = parser().newDocumentBuilder();
            builder.setErrorHandler(SILENT);
            return builder.parse(new InputSource(new StringReader(twiml))).getDocumentElement();
        } catch (SAXException | IOException | ParserConfigurationException e) {
            return null;
        }
    }

    private static Element child(Element parent, String tag) {
        for (Element e = parent == null ? null : firstElement(parent.getFirstChild()); e != null;
                e = firstElement(e.getNextSibling())) {
            if (e.getTagName().equals(tag)) {
                return e;
            }
        }
        return null;
    }

    /** {@code from} itself if it is an element, else the next element sibling; null if none. */
    private static Element firstElement(Node from) {
        for (Node n = from; n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static DocumentBuilderFactory parser() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }
}
