package changeledger.ingestion;

/** A task sighting that cannot be recorded (another node, a conflicting finish); the line is rejected. */
public class TaskSightingRejectedException extends RuntimeException {

    /** Creates the exception with the reason the line gets. */
    public TaskSightingRejectedException(String reason) {
        super(reason);
    }
}
