package org.reelpulse.search;

import java.util.List;

/** RFC 4180 CSV lines; text cells that a spreadsheet would run as a formula are made inert. */
final class Csv {

    private Csv() {
    }

    static String line(List<?> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            Object c = cells.get(i);
            if (c == null) {
                continue;
            }
            String v = c.toString();
            if (c instanceof String && !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
                v = "'" + v;
            }
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                v = '"' + v.replace("\"", "\"\"") + '"';
            }
            b.append(v);
        }
        return b.append("\r\n").toString();
    }
}
