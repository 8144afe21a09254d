package changeledger.config;

/**
 * One value of a snapshot: in which file, which section of it ({@code ""} for the top), under which key.
 *
 * @param file    the file's path as pushed ({@code etc/pve/qemu-server/101.conf}) or the API path read
 * @param section the section ({@code ""}, {@code special:cloudinit}, {@code dir: local}, {@code iface vmbr0}...)
 * @param key     the key within the section
 * @param value   the value as written (several lines of a repeated key joined by a newline)
 */
public record ConfigEntry(String file, String section, String key, String value) {

    /** The separator of the parts of {@link #id()}: it cannot occur in a parsed line. */
    static final char SEPARATOR = '\u001f';

    /** The entry's place: file, section and key joined. */
    public String id() {
        return file + SEPARATOR + section + SEPARATOR + key;
    }

    /** The entry of a place and a value. */
    static ConfigEntry of(String id, String value) {
        String[] parts = id.split(String.valueOf(SEPARATOR), -1);
        return new ConfigEntry(parts[0], parts[1], parts[2], value);
    }
}
