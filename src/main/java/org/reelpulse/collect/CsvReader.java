package org.reelpulse.collect;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV as RFC 4180 writes it and spreadsheets export it: a configurable delimiter, fields in double
 * quotes with {@code ""} for a quote, line breaks inside quoted fields, CRLF, LF or CR line ends. Lenient
 * where tools are sloppy (a quote inside an unquoted field, text after a closing quote, a missing line
 * break at the end); strict where reading on would misread the rest (a quote never closed, a field over
 * {@link #MAX_FIELD} characters). Counts physical lines, so a problem can name its line.
 */
final class CsvReader {

    static final int MAX_FIELD = 1_000_000;

    /**
     * One record: its fields, the line it starts on, and whether a line break ended it (a last record
     * without one may still be being written).
     */
    record Row(List<String> fields, long line, boolean complete) {

        /** A line with nothing on it. */
        boolean blank() {
            return fields.size() == 1 && fields.get(0).isBlank();
        }
    }

    /** The rest of the input cannot be read as CSV; the message says where and why. */
    static final class CsvException extends Exception {
        CsvException(String message) {
            super(message, null, false, false);
        }
    }

    private final Reader in;
    private final char delimiter;
    private long line = 1;
    private int pushedBack = -2;

    CsvReader(Reader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    /** The next record, or null at the end of the input. */
    Row next() throws IOException, CsvException {
        int c = read();
        if (c == -1) {
            return null;
        }
        long start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new CsvException("a quoted field opened on line " + start + " is never closed");
                }
                if (c == '"') {
                    int d = read();
                    if (d == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = d;
                        continue;
                    }
                } else {
                    if (c == '\n' || c == '\r' && peekNot('\n')) {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == -1 || c == '\n' || c == '\r') {
                fields.add(field.toString());
                if (c == '\r') {
                    int d = read();
                    if (d != '\n' && d != -1) {
                        pushedBack = d;
                    }
                }
                if (c != -1) {
                    line++;
                }
                return new Row(List.copyOf(fields), start, c != -1);
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else {
                field.append((char) c);
            }
            if (field.length() > MAX_FIELD) {
                throw new CsvException("a field starting on line " + start + " is longer than " + MAX_FIELD
                        + " characters (a quote never closed?)");
            }
            c = read();
        }
    }

    private boolean peekNot(char expected) throws IOException {
        int d = read();
        pushedBack = d;
        return d != expected;
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }
}
