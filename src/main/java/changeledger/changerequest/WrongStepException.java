package changeledger.changerequest;

import changeledger.domain.Fault;
import changeledger.domain.ProblemException;
import java.util.List;
import java.util.Map;

/**
 * A workflow step the request's current status does not allow (409). The problem names the current status in
 * its detail and as {@code currentStatus}, and the steps that are allowed now as {@code allowedSteps}.
 */
public class WrongStepException extends ProblemException {

    /** Creates the exception for a step refused in a status. */
    public WrongStepException(String id, String step, ChangeRequestStatus current) {
        super(Fault.of(409, "Wrong workflow step", "Change request " + id + " is "
                        + current.wireName() + "; '" + step + "' is not possible now. " + hint(current))
                .with(Map.of("currentStatus", current.wireName(), "allowedSteps", allowed(current))));
    }

    /** The steps a status allows, in workflow order. */
    public static List<String> allowed(ChangeRequestStatus status) {
        return switch (status) {
            case SUBMITTED -> List.of("approve", "reject", "cancel", "reschedule");
            case APPROVED -> List.of("start", "cancel", "reschedule");
            case IN_PROGRESS -> List.of("complete");
            case REJECTED, COMPLETED, CANCELLED -> List.of();
        };
    }

    private static String hint(ChangeRequestStatus status) {
        List<String> steps = allowed(status);
        return steps.isEmpty() ? "A " + status.wireName() + " request takes no more steps; submit a new one."
                : "Allowed now: " + String.join(", ", steps) + ".";
    }
}
