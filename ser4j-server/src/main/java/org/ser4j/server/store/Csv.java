package org.ser4j.server.store;

/** RFC 4180 quoting for the feedback export. */
final class Csv {
    private Csv() {
    }

    /** The value as one CSV field: empty for null; quoted (inner quotes doubled) when it holds , " CR or LF. */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        // A leading = + - @ would make spreadsheets evaluate user-supplied text as a formula; so would a TAB or CR
        // before one, which spreadsheets skip (OWASP's list of formula triggers).
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) {
            return safe;
        }
        return '"' + safe.replace("\"", "\"\"") + '"';
    }
}
