package org.reelpulse.collect;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Entities;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 into items with plain text: HTML in descriptions is
 * cleaned to text with its entities decoded, dates in RFC 822 and RFC 3339 are read, and the encoding
 * comes from the byte-order mark, then the XML declaration, then the HTTP charset, then UTF-8. External
 * entities and DTDs are never loaded.
 */
final class FeedParser {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
    static final String DC = "http://purl.org/dc/elements/1.1/";
    static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static final Pattern DECLARED = Pattern.compile("^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");
    private static final Pattern NAMED_ENTITY = Pattern.compile("&([A-Za-z][A-Za-z0-9]{1,31});");
    private static final java.util.Set<String> XML_ENTITIES = java.util.Set.of("amp", "lt", "gt", "quot", "apos");
    private static final Pattern LANG = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");
    private static final Pattern WEEKDAY = Pattern.compile("^\\s*[A-Za-z]{3,9},?\\s+");
    private static final Map<String, String> ZONES = Map.ofEntries(Map.entry("UT", "+0000"), Map.entry("UTC", "+0000"),
            Map.entry("GMT", "+0000"), Map.entry("Z", "+0000"), Map.entry("EST", "-0500"), Map.entry("EDT", "-0400"),
            Map.entry("CST", "-0600"), Map.entry("CDT", "-0500"), Map.entry("MST", "-0700"), Map.entry("MDT", "-0600"),
            Map.entry("PST", "-0800"), Map.entry("PDT", "-0700"));

    private FeedParser() {
    }

    /** A feed: its title and language (either may be null) and its items in document order. */
    record Feed(String title, String lang, List<Item> items) {
    }

    /**
     * One item. {@code id} is the guid (RSS) or id (Atom), null without one; {@code link} is absolute
     * http(s) or null; {@code published} is null when the item has no readable date.
     */
    record Item(String id, String link, String title, String text, String author, Instant published, String lang) {
    }

    /** The feed could not be read; the message says why and where. */
    static final class MalformedFeedException extends Exception {
        MalformedFeedException(String message) {
            super(message);
        }
    }

    static Feed parse(byte[] body, Charset httpCharset, URI base) throws MalformedFeedException {
        String xml = decode(body, httpCharset);
        Document doc;
        try {
            doc = document(xml);
        } catch (MalformedFeedException e) {
            // feeds written by hand or by HTML templates use HTML's named entities (&nbsp; &eacute;), which XML
            // does not know; they are read as the characters they name, and anything else stays malformed
            String numeric = numericEntities(xml);
            if (numeric.equals(xml)) {
                throw e;
            }
            doc = document(numeric);
        }
        Element root = doc.getDocumentElement();
        String rootName = root.getLocalName() == null ? root.getNodeName() : root.getLocalName();
        List<Item> items = new ArrayList<>();
        switch (rootName) {
            case "rss" -> {
                Element channel = child(root, null, "channel")
                        .orElseThrow(() -> new MalformedFeedException("an RSS feed without a <channel>"));
                String lang = lang(text(channel, null, "language"));
                for (Element item : children(channel, null, "item")) {
                    items.add(rssItem(item, base, lang));
                }
                return new Feed(clean(text(channel, null, "title")), lang, items);
            }
            case "RDF" -> {
                Optional<Element> channel = child(root, null, "channel");
                String lang = channel.map(c -> lang(text(c, DC, "language"))).orElse(null);
                for (Element item : children(root, null, "item")) {
                    items.add(rssItem(item, base, lang));
                }
                return new Feed(channel.map(c -> clean(text(c, null, "title"))).orElse(null), lang, items);
            }
            case "feed" -> {
                String lang = lang(root.getAttributeNS(XMLConstants.XML_NS_URI, "lang"));
                for (Element entry : children(root, ATOM, "entry")) {
                    items.add(atomEntry(entry, base, lang));
                }
                return new Feed(atomText(child(root, ATOM, "title").orElse(null)), lang, items);
            }
            default -> throw new MalformedFeedException("the document is <" + rootName + ">, not an RSS or Atom feed");
        }
    }

    private static Item rssItem(Element item, URI base, String feedLang) {
        String guid = blankToNull(text(item, null, "guid"));
        String link = link(base, text(item, null, "link"));
        if (link == null && item.hasAttributeNS(RDF, "about")) {
            link = link(base, item.getAttributeNS(RDF, "about"));
        }
        if (link == null && guid != null && !"false".equalsIgnoreCase(child(item, null, "guid")
                .map(g -> g.getAttribute("isPermaLink")).orElse(""))) {
            link = link(base, guid);
        }
        String description = clean(text(item, null, "description"));
        if (description == null) {
            description = clean(text(item, CONTENT, "encoded"));
        }
        String author = blankToNull(text(item, DC, "creator"));
        if (author == null) {
            author = blankToNull(text(item, null, "author"));
        }
        String date = text(item, null, "pubDate");
        if (date == null) {
            date = text(item, DC, "date");
        }
        return new Item(guid, link, clean(text(item, null, "title")), description, author, date(date), feedLang);
    }

    private static Item atomEntry(Element entry, URI base, String feedLang) {
        String link = null;
        for (Element l : children(entry, ATOM, "link")) {
            String rel = l.getAttribute("rel");
            if (rel.isEmpty() || rel.equals("alternate")) {
                link = link(base, l.getAttribute("href"));
                break;
            }
        }
        String text = atomText(child(entry, ATOM, "summary").orElse(null));
        if (text == null) {
            text = atomText(child(entry, ATOM, "content").orElse(null));
        }
        String author = child(entry, ATOM, "author").map(a -> blankToNull(text(a, ATOM, "name"))).orElse(null);
        String date = text(entry, ATOM, "published");
        if (date == null) {
            date = text(entry, ATOM, "updated");
        }
        String lang = lang(entry.getAttributeNS(XMLConstants.XML_NS_URI, "lang"));
        return new Item(blankToNull(text(entry, ATOM, "id")), link, atomText(child(entry, ATOM, "title").orElse(null)),
                text, author, date(date), lang == null ? feedLang : lang);
    }

    /** Atom text constructs: "text" is plain, "html" is escaped markup, "xhtml" is markup; all become text. */
    private static String atomText(Element e) {
        if (e == null) {
            return null;
        }
        String type = e.getAttribute("type");
        return type.equals("html") || type.equals("xhtml") || type.equals("text/html") ? clean(e.getTextContent())
                : blankToNull(e.getTextContent().strip().replaceAll("\\s+", " "));
    }

    /** HTML (or text with entities) as plain text: tags dropped, entities decoded, whitespace collapsed. */
    static String clean(String html) {
        if (html == null || html.isBlank()) {
            return null;
        }
        // a no-break space is a space to every later stage (tokens, sentences, search)
        return blankToNull(Jsoup.parseBodyFragment(html).text().replace('\u00a0', ' ').strip());
    }

    /** An RFC 822 (RSS) or RFC 3339 (Atom) date; null when it cannot be read. */
    static Instant date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException notRfc3339) {
            // next form
        }
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notLocal) {
            // next form
        }
        // RFC 822: the weekday is dropped (feeds get it wrong), named zones become offsets
        String s = WEEKDAY.matcher(v).replaceFirst("").replaceAll("\\s+", " ");
        int space = s.lastIndexOf(' ');
        if (space > 0) {
            String zone = ZONES.get(s.substring(space + 1).toUpperCase(Locale.ROOT));
            if (zone != null) {
                s = s.substring(0, space + 1) + zone;
            }
        }
        try {
            return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The text of the bytes: byte-order mark, then XML declaration, then HTTP charset, then UTF-8. */
    static String decode(byte[] body, Charset httpCharset) {
        if (body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf) {
            return new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        }
        if (body.length >= 2 && (body[0] & 0xff) == 0xfe && (body[1] & 0xff) == 0xff) {
            return new String(body, 2, body.length - 2, StandardCharsets.UTF_16BE);
        }
        if (body.length >= 2 && (body[0] & 0xff) == 0xff && (body[1] & 0xff) == 0xfe) {
            return new String(body, 2, body.length - 2, StandardCharsets.UTF_16LE);
        }
        String head = new String(body, 0, Math.min(body.length, 300), StandardCharsets.ISO_8859_1);
        Matcher m = DECLARED.matcher(head);
        Charset charset = null;
        if (m.find()) {
            try {
                charset = Charset.forName(m.group(1));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
                charset = null;
            }
        }
        if (charset == null) {
            charset = httpCharset == null ? StandardCharsets.UTF_8 : httpCharset;
        }
        return new String(body, charset);
    }

    /** HTML's named entities other than XML's five as numeric references. */
    static String numericEntities(String xml) {
        Matcher m = NAMED_ENTITY.matcher(xml);
        StringBuilder out = new StringBuilder(xml.length());
        while (m.find()) {
            String name = m.group(1);
            String replacement = m.group();
            if (!XML_ENTITIES.contains(name) && Entities.isNamedEntity(name)) {
                StringBuilder refs = new StringBuilder();
                Entities.getByName(name).codePoints().forEach(cp -> refs.append("&#").append(cp).append(';'));
                replacement = refs.toString();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Document document(String xml) throws MalformedFeedException {
        try {
            // the JDK's own parser: another one on the classpath (Xerces) does not know every security property
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e; // the default handler would also print it to stderr
                }
            });
            // the text is decoded already: the declaration's encoding must not be applied a second time
            return b.parse(new InputSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            throw new MalformedFeedException("malformed XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + e.getMessage());
        } catch (SAXException | IOException e) {
            throw new MalformedFeedException("malformed XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser lacks a security feature", e);
        }
    }

    private static List<Element> children(Element parent, String ns, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && matches(e, ns, name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static Optional<Element> child(Element parent, String ns, String name) {
        List<Element> c = children(parent, ns, name);
        return c.isEmpty() ? Optional.empty() : Optional.of(c.get(0));
    }

    /** RSS elements carry no namespace (RSS 1.0 its own): a null ns matches any but the modules' ones. */
    private static boolean matches(Element e, String ns, String name) {
        String local = e.getLocalName() == null ? e.getNodeName() : e.getLocalName();
        if (!local.equals(name)) {
            return false;
        }
        String uri = e.getNamespaceURI();
        return ns == null ? uri == null || (!uri.equals(DC) && !uri.equals(CONTENT) && !uri.equals(ATOM))
                : ns.equals(uri);
    }

    private static String text(Element parent, String ns, String name) {
        return child(parent, ns, name).map(Node::getTextContent).map(String::strip).orElse(null);
    }

    private static String link(URI base, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI u = base == null ? new URI(value.strip()) : base.resolve(new URI(value.strip()));
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return scheme.equals("http") || scheme.equals("https") ? u.toString() : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String lang(String value) {
        return value == null || !LANG.matcher(value.strip()).matches() ? null : value.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
