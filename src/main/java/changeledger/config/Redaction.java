package changeledger.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Secret values are redacted in every diff, but their change is kept: {@code cipassword}, any key or value naming a
 * password, secret or token, and keys in storage.cfg (a storage's {@code keyring}, {@code encryption-key}...).
 */
public final class Redaction {

    /** Shown instead of a secret's previous value. */
    public static final String REDACTED = "(redacted)";
    /** Shown instead of a secret's new value. */
    public static final String REDACTED_CHANGED = "(redacted, changed)";

    private static final Pattern SECRET = Pattern.compile("password|passwd|secret|token");

    private Redaction() {
    }

    /** Whether a value is a secret. */
    static boolean secret(String file, String key, String before, String after) {
        String name = key.toLowerCase(Locale.ROOT);
        return SECRET.matcher(name).find() || names(before) || names(after)
                || (file.endsWith("storage.cfg") || file.equals("/storage")) && name.contains("key");
    }

    /** The change as it may be shown. */
    static ConfigChange shown(ConfigEntry place, String before, String after) {
        if (!secret(place.file(), place.key(), before, after)) {
            return new ConfigChange(place.file(), place.section(), place.key(), before, after);
        }
        return new ConfigChange(place.file(), place.section(), place.key(), before == null ? null : REDACTED,
                after == null ? null : REDACTED_CHANGED);
    }

    private static boolean names(String value) {
        return value != null && SECRET.matcher(value.toLowerCase(Locale.ROOT)).find();
    }
}
