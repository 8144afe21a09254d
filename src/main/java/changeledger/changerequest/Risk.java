package changeledger.changerequest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** The risk a submitter declares for a change. */
public enum Risk {
    LOW, MEDIUM, HIGH;

    /** The name used in the API and payloads. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name, naming the valid ones when it is unknown. */
    @JsonCreator
    public static Risk fromWire(String value) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown risk '" + value + "': use low, medium or high"));
    }
}
