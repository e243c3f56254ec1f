package org.reelpulse.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A saved search: its owner, its name, and the state of the search view it reproduces. */
public record SavedSearch(long id, String owner, String name, String query, String from, String to, String sort,
        Instant createdAt) {

    /** The search view's URL with the whole state: open it (or share it) to see the same search. */
    public String url() {
        List<String> params = new ArrayList<>();
        params.add("q=" + encode(query));
        if (!"relevance".equals(sort)) {
            params.add("sort=" + encode(sort));
        }
        if (from != null) {
            params.add("from=" + encode(from));
        }
        if (to != null) {
            params.add("to=" + encode(to));
        }
        return "/search?" + String.join("&", params);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
