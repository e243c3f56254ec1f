package org.reelpulse.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.vaadin.flow.dom.Element;

class HighlightedTextTest {

    @Test
    void shouldMarkMatchesWithMarkElementsAndKeepTheRestAsText() {
        HighlightedText t = new HighlightedText("Lionsgate and <mark>Runway</mark> &amp; friends");
        List<Element> children = t.getElement().getChildren().toList();
        assertThat(children).hasSize(3);
        assertThat(children.get(0).isTextNode()).isTrue();
        assertThat(children.get(1).getTag()).isEqualTo("mark");
        assertThat(children.get(1).getText()).isEqualTo("Runway");
        assertThat(t.visibleText()).isEqualTo("Lionsgate and Runway & friends");
    }

    @Test
    void shouldShowHostileMarkupAsTextWithoutCreatingElements() {
        // the highlight of a hostile post, as the search escapes it
        HighlightedText t = new HighlightedText(
                "leak &lt;img src=x onerror=alert(1)&gt; <mark>hostile</mark> &lt;script&gt;x&lt;/script&gt;");
        assertThat(t.visibleText()).isEqualTo("leak <img src=x onerror=alert(1)> hostile <script>x</script>");
        assertThat(t.getElement().getChildren().filter(e -> !e.isTextNode()).map(Element::getTag).toList())
                .containsExactly("mark");
        assertThat(HighlightedText.plain("<b>bold</b> & more").visibleText()).isEqualTo("<b>bold</b> & more");
        assertThat(HighlightedText.plain("<b>x</b>").getElement().getChildren().allMatch(Element::isTextNode)).isTrue();
    }

    @Test
    void shouldLabelSentimentInWordsNotOnlyColour() {
        assertThat(new SentimentBadge("negative", -0.53).getText()).isEqualTo("negative -0.53");
        assertThat(new SentimentBadge(null, null).getText()).isEqualTo("not scored yet");
        assertThat(new SentimentBadge("positive", 0.2).getClassNames()).contains("rp-sentiment", "positive");
    }
}
