package changeledger.changerequest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** How a completed change ended. */
public enum Outcome {
    SUCCEEDED("succeeded"), FAILED("failed"), ROLLED_BACK("rolled-back");

    private final String wireName;

    Outcome(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the API and payloads. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Parses a wire name, naming the valid ones when it is unknown. */
    @JsonCreator
    public static Outcome fromWire(String value) {
        return Arrays.stream(values()).filter(o -> o.wireName.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown outcome '" + value
                        + "': use succeeded, failed or rolled-back"));
    }
}
