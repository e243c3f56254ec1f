package org.reelpulse.collect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Cursor keys and the digests adapters keep in cursors, written one way for every adapter. */
final class CursorKeys {

    /** The longest cursor key the column holds. */
    static final int MAX_KEY = 200;

    private CursorKeys() {
    }

    /**
     * {@code prefix} and the lower-cased value (a query, a handle), or, when that is longer than the column
     * holds, {@code prefix + "sha256:"} and the value's digest. Stored keys depend on it: never change it.
     */
    static String key(String prefix, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        String k = prefix + v;
        return k.length() <= MAX_KEY ? k : prefix + "sha256:" + sha256Hex(v);
    }

    /** The hex SHA-256 of the text's UTF-8 bytes. */
    static String sha256Hex(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
