package dev.callbridge.sandbox;

import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads the media-stream URL out of inline TwiML ({@code <Response><Connect><Stream url>}).
 * The parser refuses DOCTYPEs and external entities: the TwiML comes from the network.
 */
final class TwimlStreams {

    /** Twilio's limit for the {@code Twiml} parameter, in characters. */
    static final int MAX_CHARS = 4000;

    /** The stream URL, or the reason the TwiML is refused. */
    record Result(String streamUrl, String error) {
        static Result refused(String why) {
            return new Result(null, why);
        }
    }

    private TwimlStreams() {
    }

    static Result streamUrl(String twiml) {
        if (twiml.length() > MAX_CHARS) {
            return Result.refused("Twiml must be at most " + MAX_CHARS + " characters, got " + twiml.length() + ".");
        }
        Element root;
        try {
            root = parser().newDocumentBuilder().parse(new InputSource(new StringReader(twiml))).getDocumentElement();
        } catch (SAXException | IOException | ParserConfigurationException e) {
            return Result.refused("Twiml is not well-formed XML.");
        }
        if (!root.getTagName().equals("Response")) {
            return Result.refused("Twiml must have <Response> as its root element.");
        }
        Element stream = child(child(root, "Connect"), "Stream");
        if (stream == null || stream.getAttribute("url").isBlank()) {
            return Result.refused("Twiml must contain <Connect><Stream url=\"wss://...\"/></Connect>.");
        }
        String url = stream.getAttribute("url").trim();
        if (!url.startsWith("wss://")) {
            return Result.refused("The <Stream> url must use the wss:// scheme (Twilio error 31922).");
        }
        return new Result(url, null);
    }

    private static Element child(Element parent, String tag) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e;
            }
        }
        return null;
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
