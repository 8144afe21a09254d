package changeledger.changerequest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Where a change request stands in its workflow. */
public enum ChangeRequestStatus {
    /** Waiting for an approver (again, after a reschedule). */
    SUBMITTED("submitted"),
    /** Approved: may start; covers changes in its window. */
    APPROVED("approved"),
    /** Refused by an approver; final. */
    REJECTED("rejected"),
    /** Work has started; covers changes in its window. */
    IN_PROGRESS("in-progress"),
    /** Done, with an outcome; still covers changes in its window. */
    COMPLETED("completed"),
    /** Withdrawn before it started; final. */
    CANCELLED("cancelled");

    private final String wireName;

    ChangeRequestStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the API, payloads and the read model. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Whether a request in this status makes the changes in its window planned. */
    public boolean covers() {
        return this == APPROVED || this == IN_PROGRESS || this == COMPLETED;
    }

    /** Every wire name, comma-separated, for error details. */
    public static String names() {
        return Arrays.stream(values()).map(ChangeRequestStatus::wireName).collect(Collectors.joining(", "));
    }

    /** Parses a wire name, naming the valid ones when it is unknown. */
    @JsonCreator
    public static ChangeRequestStatus fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown status '" + value + "': use one of "
                        + names()));
    }
}
