package changeledger.journal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** What a manual entry records. Only {@code change} entries count as changes; {@code retire} ends a guest's window. */
public enum EntryKind {
    /** A change made by hand, e.g. a package upgrade in a node shell. */
    CHANGE,
    /** Something that went wrong. */
    INCIDENT,
    /** Planned work that is not a change of configuration. */
    MAINTENANCE,
    /** Anything worth keeping in the log. */
    NOTE,
    /**
     * A guest taken out of service on purpose (its {@code target}): ends its open disruption window at the entry's
     * time; its later stops add nothing until it starts again.
     */
    RETIRE;

    /** The wire name: lower case. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name, naming the valid ones when it is unknown. */
    @JsonCreator
    public static EntryKind fromWire(String value) {
        return Arrays.stream(values()).filter(k -> k.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown kind '" + value
                        + "': use change, incident, maintenance, note or retire"));
    }
}
