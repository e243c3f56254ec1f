package org.reelpulse.post;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The fingerprint by which two copies of one text are recognised: the text's letters and digits,
 * lower-cased, accents kept, links and everything else left out, hashed. "Read this: https://a/1!" and
 * "read this https://b/2" are the same text; a text with fewer than {@value #MIN_CHARS} letters and
 * digits has none, since short replies ("Agreed!") repeat without being copies.
 */
final class TextFingerprint {

    static final int MIN_CHARS = PostRepository.CROSS_POST_MIN_CHARS;
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");

    private TextFingerprint() {
    }

    /** The hex SHA-256 of the text's letters and digits, or null when it has too few of them. */
    static String of(String text) {
        if (text == null) {
            return null;
        }
        String s = Normalizer.normalize(LINK.matcher(text).replaceAll(" "), Normalizer.Form.NFC)
                .toLowerCase(Locale.ROOT);
        StringBuilder kept = new StringBuilder(s.length());
        s.codePoints().filter(Character::isLetterOrDigit).forEach(kept::appendCodePoint);
        if (kept.codePointCount(0, kept.length()) < MIN_CHARS) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(kept.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
