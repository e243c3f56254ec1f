package org.reelpulse.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.reelpulse.dashboard.Dashboard;

/**
 * Who the report names, and where its post links go.
 *
 * <p>When pseudonymising, authors in a public account group (unions and guilds, studios and companies,
 * AI companies, the press, public bodies) keep their names; everyone else, working creatives and the
 * general public alike, and authors no rule placed, are shown as "Creative 1", "Member of the public
 * 2": numbered in the order the report first shows them, the same handle always under the same
 * pseudonym. Their posts link to ReelPulse's own view of the post (which needs a login) rather than to
 * the original, whose address names them; and their handles and names are replaced by the pseudonym
 * inside the texts quoted too (a reply that names its author's own account would otherwise give it away).
 *
 * <p>Links taken from posts are emitted only when they are http or https.
 */
final class Pseudonyms {

    /** The stakeholder groups of public accounts, whose names are shown (ids of {@code data/stakeholders.yml}). */
    static final Set<String> PUBLIC_GROUPS = Set.of("union-guild", "studio-company", "ai-company", "press",
            "public-body");
    /**
     * The group of the dashboard's statements ({@code reelpulse.dashboard.statement-group}): unions and
     * guilds, whose statements are public by nature.
     */
    static final String STATEMENTS = "union-guild";
    /** The group whose members are called creatives; every other private author is a member of the public. */
    static final String CREATIVES = "working-creative";
    /** Names shorter than this are common words, and are not replaced inside texts. */
    private static final int MIN_NAME_IN_TEXT = 5;
    private static final int MIN_HANDLE_IN_TEXT = 3;

    private final boolean on;
    private final Messages messages;
    private final Map<String, String> byAuthor = new LinkedHashMap<>();
    private final Map<String, String> inText = new HashMap<>();
    private final Pattern mentions;

    /**
     * Numbers every private author of the report in the order the report shows them (each spike's
     * first post, the top posts, the top authors), then those of the dashboards it does not show, so
     * that their handles are replaced inside quoted texts too.
     */
    Pseudonyms(boolean on, Messages messages, List<EventReport> events) {
        this.on = on;
        this.messages = messages;
        if (on) {
            Map<String, Integer> counters = new HashMap<>();
            for (EventReport e : events) {
                Dashboard d = e.dashboard();
                d.spikes().spikes().stream().filter(s -> !s.firstPosts().isEmpty()).map(s -> s.firstPosts().get(0))
                        .forEach(p -> assign(p.author(), p.authorName(), p.group(), counters));
                d.topPosts().posts().stream().limit(Wording.LIST_LIMIT)
                        .forEach(p -> assign(p.author(), p.authorName(), p.group(), counters));
                d.topAuthors().stream().limit(Wording.LIST_LIMIT).forEach(a -> assign(a.author(), null, a.group(),
                        counters));
            }
            for (EventReport e : events) {
                Dashboard d = e.dashboard();
                for (Dashboard.Spike s : d.spikes().spikes()) {
                    s.firstPosts().forEach(p -> assign(p.author(), p.authorName(), p.group(), counters));
                    s.topPosts().forEach(p -> assign(p.author(), p.authorName(), p.group(), counters));
                    s.topAuthors().forEach(a -> assign(a.author(), null, a.group(), counters));
                }
                d.topPosts().posts().forEach(p -> assign(p.author(), p.authorName(), p.group(), counters));
                d.topAuthors().forEach(a -> assign(a.author(), null, a.group(), counters));
            }
        }
        this.mentions = mentionPattern(inText.keySet());
    }

    /** Whether this group's authors are hidden in this report. */
    boolean hides(String group) {
        return on && (group == null || !PUBLIC_GROUPS.contains(group));
    }

    /** How the report names an author: the pseudonym, or the name with the handle. */
    String author(String handle, String name, String group) {
        if (hides(group)) {
            String pseudonym = byAuthor.get(key(handle, name));
            // every author shown was numbered up front; one that was not is still never named
            return pseudonym != null ? pseudonym : messages.get(group != null && group.equals(CREATIVES)
                    ? "pseudonym.creative" : "pseudonym.public", "");
        }
        String h = handle == null || handle.isBlank() ? null : handle.strip();
        String n = name == null || name.isBlank() ? null : name.strip();
        if (n == null) {
            return h != null ? h : messages.get("author.unknown");
        }
        if (h == null || n.equalsIgnoreCase(h) || n.equalsIgnoreCase(h.startsWith("@") ? h.substring(1) : h)) {
            return n;
        }
        return n + " (" + h + ")";
    }

    /** A text quoted in the report, with the handles and names of hidden authors replaced by their pseudonyms. */
    String text(String text) {
        if (text == null || mentions == null) {
            return text == null ? "" : text;
        }
        Matcher m = mentions.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String found = m.group(1).toLowerCase(Locale.ROOT);
            m.appendReplacement(out, Matcher.quoteReplacement(inText.getOrDefault(found, m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Where a post links: ReelPulse's view for a hidden author, else the original when it is http(s),
     * else ReelPulse's view; null when neither is a usable link.
     */
    String postLink(long postId, String url, String group, String postUrlPrefix) {
        String own = postUrlPrefix == null ? null : web(postUrlPrefix + postId);
        if (hides(group)) {
            return own;
        }
        String original = web(url);
        return original != null ? original : own;
    }

    /** The URL if it is an absolute http or https address with a host, else null (javascript:, data:, junk). */
    static String web(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String u = url.strip();
        for (int i = 0; i < u.length(); i++) {
            char c = u.charAt(i);
            if (c <= ' ' || c == '"' || c == '<' || c == '>' || c == '\\' || c == '`' || Character.isISOControl(c)) {
                return null;
            }
        }
        try {
            URI uri = new URI(u);
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return null;
            }
            return u;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private void assign(String handle, String name, String group, Map<String, Integer> counters) {
        if (!hides(group)) {
            return;
        }
        String key = key(handle, name);
        String pseudonym = byAuthor.get(key);
        if (pseudonym == null) {
            String kind = CREATIVES.equals(group) ? "pseudonym.creative" : "pseudonym.public";
            int n = counters.merge(kind, 1, Integer::sum);
            pseudonym = messages.get(kind, messages.count(n));
            byAuthor.put(key, pseudonym);
        }
        String h = handle == null ? "" : handle.strip();
        if (h.startsWith("@")) {
            h = h.substring(1);
        }
        if (h.length() >= MIN_HANDLE_IN_TEXT) {
            inText.putIfAbsent(h.toLowerCase(Locale.ROOT), pseudonym);
        }
        if (name != null && name.strip().length() >= MIN_NAME_IN_TEXT) {
            inText.putIfAbsent(name.strip().toLowerCase(Locale.ROOT), pseudonym);
        }
    }

    /** Authors are told apart by handle (case does not matter), by name when a source gives no handle. */
    private static String key(String handle, String name) {
        String h = handle == null ? "" : handle.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("@")) {
            h = h.substring(1);
        }
        return h.isEmpty() ? "name:" + (name == null ? "" : name.strip().toLowerCase(Locale.ROOT)) : h;
    }

    /** Any of the words, optionally after an @, as a whole word; longest first so a longer name wins. */
    private static Pattern mentionPattern(Set<String> words) {
        if (words.isEmpty()) {
            return null;
        }
        List<String> sorted = new ArrayList<>(words);
        sorted.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        StringBuilder alternatives = new StringBuilder();
        for (String w : sorted) {
            if (alternatives.length() > 0) {
                alternatives.append('|');
            }
            alternatives.append(Pattern.quote(w));
        }
        return Pattern.compile("(?<![\\p{L}\\p{N}_@.])@?(" + alternatives + ")(?![\\p{L}\\p{N}_])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
