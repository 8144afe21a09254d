package changeledger.processing;

/** The database failed an operation of the processor engine. */
public class ProcessingException extends RuntimeException {

    /** Wraps the failure of one operation. */
    public ProcessingException(String operation, Exception cause) {
        super("Processing could not " + operation + ": " + cause.getMessage(), cause);
    }
}
