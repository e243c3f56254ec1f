package org.reelpulse.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.apache.lucene.search.FieldDoc;
import org.reelpulse.base.UserInputException;

/**
 * The search-after cursor handed to clients as {@code next}: the sort values of a page's last hit
 * and the order they belong to, as an opaque URL-safe string.
 */
final class SearchCursor {

    private SearchCursor() {
    }

    static String encode(FieldDoc last, PostSearcher.SortOrder order) {
        StringBuilder b = new StringBuilder(order.name());
        for (Object v : last.fields) {
            b.append('|').append(v instanceof Float ? "f" + v : "l" + v);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The sort values of the last hit of the page before. */
    static Object[] decode(String cursor, PostSearcher.SortOrder order) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            if (!parts[0].equals(order.name())) {
                throw new UserInputException("The cursor 'after' belongs to another sort order (" + parts[0]
                        .toLowerCase(java.util.Locale.ROOT) + "); start again without 'after'.");
            }
            Object[] fields = new Object[parts.length - 1];
            for (int i = 1; i < parts.length; i++) {
                String v = parts[i].substring(1);
                fields[i - 1] = parts[i].charAt(0) == 'f' ? (Object) Float.parseFloat(v) : (Object) Long.parseLong(v);
            }
            if (fields.length != PostSearcher.sort(order).getSort().length) {
                throw new IllegalArgumentException("length");
            }
            return fields;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new UserInputException("The cursor 'after' is not one ReelPulse gave out; pass the 'next' of the "
                    + "previous page as it was, or start again without 'after'.");
        }
    }
}
