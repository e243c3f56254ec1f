package org.reelpulse.collect;

import java.util.ArrayList;
import java.util.List;

/**
 * What one tracked event asks the collectors to look for, in one language: the words and phrases of its
 * query, its hashtags (without {@code #}) and the accounts it names (without {@code @}). Adapters with a
 * search API ask for these when their source's settings give no query of their own.
 *
 * @param event    the event's slug
 * @param lang     the language the terms are for ({@code en}, {@code fr} …), or null for any language
 * @param phrases  single words and quoted phrases, as written (a phrase has a space in it)
 * @param hashtags hashtags without the leading {@code #}
 * @param accounts handles without the leading {@code @}
 */
public record WatchTerms(String event, String lang, List<String> phrases, List<String> hashtags,
        List<String> accounts) {

    public WatchTerms {
        phrases = List.copyOf(phrases);
        hashtags = List.copyOf(hashtags);
        accounts = List.copyOf(accounts);
    }

    /** Nothing to look for. */
    public boolean isEmpty() {
        return phrases.isEmpty() && hashtags.isEmpty() && accounts.isEmpty();
    }

    /**
     * The phrases and hashtags as one query in the syntax most search APIs share: phrases with a space in
     * double quotes, hashtags with their {@code #}, joined by {@code OR}.
     */
    public String orQuery() {
        List<String> parts = new ArrayList<>();
        for (String p : phrases) {
            parts.add(p.contains(" ") ? "\"" + p + "\"" : p);
        }
        for (String h : hashtags) {
            parts.add("#" + h);
        }
        return String.join(" OR ", parts);
    }
}
