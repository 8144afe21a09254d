package changeledger.config;

/**
 * One value that differs between two snapshots of a target; {@code before} is null for a value that appeared,
 * {@code after} for one that went away. Secret values are never shown: see {@link Redaction}.
 *
 * @param file    the file (or API path) of the value
 * @param section its section ({@code ""} for the top)
 * @param key     its key
 * @param before  the value in the previous snapshot
 * @param after   the value in this one
 */
public record ConfigChange(String file, String section, String key, String before, String after) {
}
