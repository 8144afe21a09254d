package changeledger.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** The key-level difference between two snapshots of one target, secrets redacted. */
public final class SnapshotDiff {

    /** The key of the one change of a guest that appeared or went away with an empty config. */
    static final String CONFIG_KEY = "(config)";

    private SnapshotDiff() {
    }

    /**
     * The changes from {@code before} to {@code after} (entry id to value; null for a target that did not exist),
     * in entry order. A target that appears or goes away with no value at all still gives one change.
     */
    public static List<ConfigChange> changes(Map<String, String> before, Map<String, String> after) {
        Map<String, String> from = before == null ? Map.of() : before;
        Map<String, String> to = after == null ? Map.of() : after;
        List<ConfigChange> changes = new ArrayList<>();
        TreeSet<String> ids = new TreeSet<>(from.keySet());
        ids.addAll(to.keySet());
        for (String id : ids) {
            String old = from.get(id);
            String now = to.get(id);
            if (!Objects.equals(old, now)) {
                changes.add(Redaction.shown(ConfigEntry.of(id, null), old, now));
            }
        }
        if (changes.isEmpty() && (before == null) != (after == null)) {
            changes.add(new ConfigChange("", "", CONFIG_KEY, before == null ? null : "present",
                    after == null ? null : "present"));
        }
        return changes;
    }
}
