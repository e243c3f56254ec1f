package org.reelpulse.collect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The rich-text facets of a Bluesky post ({@code app.bsky.richtext.facet}): links, mentions and hashtags
 * laid over {@code record.text}. Their {@code index.byteStart}/{@code byteEnd} count bytes of the text's
 * UTF-8 encoding, not Java chars, so the text is sliced as bytes: an emoji or a Cyrillic word before a
 * facet would otherwise shift every slice after it.
 */
final class BlueskyFacets {

    static final String LINK = "app.bsky.richtext.facet#link";
    static final String MENTION = "app.bsky.richtext.facet#mention";
    static final String TAG = "app.bsky.richtext.facet#tag";

    private BlueskyFacets() {
    }

    /**
     * One feature of a facet.
     *
     * @param type    the feature's {@code $type} ({@link #LINK}, {@link #MENTION}, {@link #TAG})
     * @param value   the link's full {@code uri}, the mentioned {@code did}, or the {@code tag} without {@code #}
     * @param covered the text the facet covers, as shown (a link is often shortened there)
     */
    record Facet(int byteStart, int byteEnd, String type, String value, String covered) {
    }

    /**
     * The facets' features in text order. A facet whose byte range does not fit the text, is empty or
     * reversed, or would cut a character in two, is left out, as the Bluesky app does with invalid facets.
     */
    static List<Facet> of(String text, JsonNode facets) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<Facet> out = new ArrayList<>();
        for (JsonNode facet : facets) {
            JsonNode index = facet.path("index");
            if (!index.path("byteStart").canConvertToInt() || !index.path("byteEnd").canConvertToInt()) {
                continue;
            }
            int start = index.path("byteStart").asInt();
            int end = index.path("byteEnd").asInt();
            if (start < 0 || end > bytes.length || start >= end || !boundary(bytes, start) || !boundary(bytes, end)) {
                continue;
            }
            String covered = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            for (JsonNode feature : facet.path("features")) {
                String type = feature.path("$type").asText("");
                String value = switch (type) {
                    case LINK -> feature.path("uri").asText(null);
                    case MENTION -> feature.path("did").asText(null);
                    case TAG -> feature.path("tag").asText(null);
                    default -> null;
                };
                if (value != null && !value.isBlank()) {
                    out.add(new Facet(start, end, type, value, covered));
                }
            }
        }
        out.sort(Comparator.comparingInt(Facet::byteStart));
        return out;
    }

    /**
     * The text with each link shown in full: the Bluesky app shortens a long link in the text
     * ({@code variety.com/2024/09/lionsg...}) and keeps the whole address in the facet, which is the one worth
     * searching. Only http(s) links are put in; overlapping facets keep the first.
     */
    static String withFullLinks(String text, List<Facet> facets) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        int at = 0;
        for (Facet f : facets) {
            if (!f.type().equals(LINK) || f.byteStart() < at || !(f.value().startsWith("https://")
                    || f.value().startsWith("http://"))) {
                continue;
            }
            sb.append(new String(bytes, at, f.byteStart() - at, StandardCharsets.UTF_8)).append(f.value());
            at = f.byteEnd();
        }
        return sb.append(new String(bytes, at, bytes.length - at, StandardCharsets.UTF_8)).toString();
    }

    /** Whether a byte offset falls between two UTF-8 characters (not on a continuation byte). */
    private static boolean boundary(byte[] bytes, int offset) {
        return offset == bytes.length || (bytes[offset] & 0xC0) != 0x80;
    }
}
