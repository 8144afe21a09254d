package changeledger.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * CSV as RFC 4180 has it: cells quoted when they hold a comma, a quote or a line break, quotes doubled, CRLF rows.
 * A cell that a spreadsheet would take for a formula ({@code = + - @}, tab or carriage return first) gets a leading
 * {@code '}, so text from a host (a task's user, an entry's summary) can never run as a formula where the file is
 * opened.
 */
public final class Csv {

    private Csv() {
    }

    /** Writes one row. */
    public static void row(Appendable out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            cell(out, cells.get(i) == null ? "" : cells.get(i));
        }
        out.append("\r\n");
    }

    /** Appends one row to a builder. */
    public static void row(StringBuilder out, List<String> cells) {
        try {
            row((Appendable) out, cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void cell(Appendable out, String text) throws IOException {
        String value = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            out.append(value);
            return;
        }
        out.append('"').append(value.replace("\"", "\"\"")).append('"');
    }
}
