package changeledger.processing;

/** A batch found that its instance no longer owns the processor (or another moved the token): it rolls back. */
class ClaimLostException extends RuntimeException {

    ClaimLostException(String processor) {
        super("Processor " + processor + " is no longer claimed by this instance; the batch was rolled back");
    }
}
