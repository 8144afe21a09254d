package changeledger.processing;

/** A replay was asked for a processor that cannot replay, or that is replaying already. */
public class ReplayNotPossibleException extends RuntimeException {

    /** Says why. */
    public ReplayNotPossibleException(String detail) {
        super(detail);
    }
}
