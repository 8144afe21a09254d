package changeledger.config;

/**
 * A line of a snapshot file that could not be parsed: it adds no value to the snapshot.
 *
 * @param file       the file
 * @param lineNumber its number in the file, from 1
 * @param line       the line (cut short when long)
 * @param reason     why it was refused
 */
public record LineFault(String file, int lineNumber, String line, String reason) {

    /** The longest part of a refused line echoed back. */
    static final int MAX_ECHOED = 200;

    /** Cuts the echoed line. */
    public LineFault {
        if (line != null && line.length() > MAX_ECHOED) {
            line = line.substring(0, MAX_ECHOED) + "... (" + line.length() + " characters)";
        }
    }
}
