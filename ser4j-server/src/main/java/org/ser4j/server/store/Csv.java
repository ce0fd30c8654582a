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
        // A leading = + - @ would make spreadsheets evaluate user-supplied text as a formula.
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) {
            return safe;
        }
        return '"' + safe.replace("\"", "\"\"") + '"';
    }
}
