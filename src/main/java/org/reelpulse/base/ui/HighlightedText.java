package org.reelpulse.base.ui;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.dom.Element;

/**
 * Post text with the search matches marked, built from text nodes and {@code <mark>} elements only:
 * whatever a post contains is shown as text and never run as HTML. Takes the search's highlight,
 * which is HTML-escaped text with {@code <mark>…</mark>} around matches.
 */
@Tag("div")
public class HighlightedText extends Component {

    private static final Pattern MARK = Pattern.compile("<mark>(.*?)</mark>", Pattern.DOTALL);

    public HighlightedText(String highlighted) {
        getElement().getClassList().add("rp-post-text");
        if (highlighted == null) {
            return;
        }
        Matcher m = MARK.matcher(highlighted);
        int at = 0;
        while (m.find()) {
            appendText(highlighted.substring(at, m.start()));
            getElement().appendChild(new Element("mark").setText(unescape(m.group(1))));
            at = m.end();
        }
        appendText(highlighted.substring(at));
    }

    /** Plain text, nothing marked. */
    public static HighlightedText plain(String text) {
        HighlightedText t = new HighlightedText(null);
        t.appendText(escape(text));
        return t;
    }

    private void appendText(String escaped) {
        if (!escaped.isEmpty()) {
            getElement().appendChild(Element.createText(unescape(escaped)));
        }
    }

    /** The visible text, as a user reads it. */
    public String visibleText() {
        return getElement().getTextRecursively();
    }

    static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#x27;", "'")
                .replace("&#x2F;", "/").replace("&#39;", "'").replace("&amp;", "&");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
