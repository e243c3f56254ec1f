package org.reelpulse.collect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;

/**
 * The article URLs a source stored (or found gone) lately, so a later run does not fetch them again: the
 * newest {@link #MAX} as 8-character digests (48 bits of SHA-256) in one cursor, which holds 4000
 * characters. A URL that fell out is fetched once more and the post store's dedupe absorbs it.
 */
final class PageSeen {

    static final int MAX = 480;
    private static final int WIDTH = 8;

    private final LinkedHashSet<String> digests = new LinkedHashSet<>();
    private boolean changed;

    PageSeen(String cursor) {
        if (cursor != null) {
            for (int i = 0; i + WIDTH <= cursor.length(); i += WIDTH) {
                digests.add(cursor.substring(i, i + WIDTH));
            }
        }
    }

    boolean contains(String url) {
        return digests.contains(digest(url));
    }

    /** Remembers the URL as the newest; the oldest ones fall out past {@link #MAX}. */
    void add(String url) {
        String d = digest(url);
        digests.remove(d);
        digests.add(d);
        while (digests.size() > MAX) {
            digests.remove(digests.iterator().next());
        }
        changed = true;
    }

    boolean changed() {
        return changed;
    }

    /** The cursor's value, oldest first. */
    String cursor() {
        return String.join("", digests);
    }

    static String digest(String url) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha, 6));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
